package link.etcd;

import java.util.List;

/**
 * One member of the etcd cluster, from its member list ({@link EtcdClient#members()} on the v2 API,
 * {@link EtcdV3Client#members()} on v3).
 *
 * @param id the member's id, in hexadecimal
 * @param name the member's name ({@code ""} for a member that has not started yet)
 * @param peerUrls the URLs the members use to reach each other
 * @param clientUrls the URLs clients use
 */
public record EtcdMember(String id, String name, List<String> peerUrls, List<String> clientUrls) {
  /**
   * Creates a member; the URL lists are copied.
   *
   * @param id the member's id, in hexadecimal
   * @param name the member's name ({@code ""} for a member that has not started yet)
   * @param peerUrls the URLs the members use to reach each other
   * @param clientUrls the URLs clients use
   */
  public EtcdMember {
    peerUrls = List.copyOf(peerUrls);
    clientUrls = List.copyOf(clientUrls);
  }
}
