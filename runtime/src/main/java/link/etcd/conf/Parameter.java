package link.etcd.conf;

import static java.util.Objects.requireNonNull;

/**
 * One named configuration value, kept as the raw string it is stored as; typed conversion happens in the code
 * that reads it.
 *
 * @param name the parameter's name, non-empty and without {@code /}
 * @param value the raw stored value
 */
public record Parameter(String name, String value) {
  public Parameter {
    Names.check("parameter", name);
    requireNonNull(value, "value == null");
  }
}
