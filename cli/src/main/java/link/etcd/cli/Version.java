package link.etcd.cli;

import picocli.CommandLine.IVersionProvider;

/** The version {@code --version} prints: the jar's, from its manifest. */
final class Version implements IVersionProvider {
  @Override
  public String[] getVersion() {
    String version = Version.class.getPackage().getImplementationVersion();
    return new String[] {"link-etcd " + (version == null ? "(development build)" : version)};
  }
}
