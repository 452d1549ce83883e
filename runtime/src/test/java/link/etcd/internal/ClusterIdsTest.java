package link.etcd.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import link.etcd.EtcdSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The forms of {@code expected_cluster_id}, and of the ids each API answers with. */
final class ClusterIdsTest {
  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "cdf818194e3a8c32",
        "CDF818194E3A8C32",
        "0xcdf818194e3a8c32",
        "0XCDF818194E3A8C32",
        "14841639068965178418"
      })
  void theHexFormOfEtcdctlAndTheDecimalFormOfTheGatewayAreOneId(String setting) {
    assertEquals("cdf818194e3a8c32", ClusterIds.fromSetting(setting));
    assertEquals(ClusterIds.fromHex("cdf818194e3a8c32"), ClusterIds.fromSetting(setting));
    assertEquals(ClusterIds.fromDecimal("14841639068965178418"), ClusterIds.fromSetting(setting));
  }

  @Test
  void leadingZerosAndShortIdsAreTheSameNumber() {
    assertEquals(
        List.of("3e8", "3e8", "3e8", "3e8"),
        List.of(
            ClusterIds.fromSetting("0x00000000000003e8"),
            ClusterIds.fromSetting("3e8"),
            ClusterIds.fromHex("00000000000003E8"),
            ClusterIds.fromDecimal("1000")));
  }

  @Test
  void aMissingIdIsNull() {
    assertNull(ClusterIds.fromHex(null));
    assertNull(ClusterIds.fromHex(""));
    assertNull(ClusterIds.fromDecimal(null));
    assertNull(ClusterIds.fromDecimal("0"));
  }

  @Test
  void anIdThatIsNotANumberIsComparedAsItIs() {
    assertEquals("other", ClusterIds.fromHex("other"));
    assertEquals("x1", ClusterIds.fromDecimal("x1"));
  }

  @ParameterizedTest(name = "''{0}''")
  @ValueSource(
      strings = {"", "0x", "cluster-a", "cdf818194e3a8c32aa", "0x1g", "18446744073709551616"})
  void aValueOfNeitherFormIsRefusedNamingTheOptionAndBothForms(String setting) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ClusterIds.fromSetting(setting));
    assertEquals(
        "expected_cluster_id must be the cluster id in hexadecimal, as etcdctl prints it"
            + " (cdf818194e3a8c32 or 0xcdf818194e3a8c32), or in decimal, as the v3 gateway sends it"
            + " (14841639068965178418), but was '"
            + setting
            + "'",
        e.getMessage());
  }

  @Test
  void digitsThatReadBothWaysAreRefused() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ClusterIds.fromSetting("1234"));
    assertEquals(
        "expected_cluster_id '1234' reads both as hexadecimal and as decimal; write the hexadecimal"
            + " id etcdctl prints with 0x (0x1234), or give the decimal id of the v3 gateway's"
            + " header.cluster_id in hexadecimal",
        e.getMessage());
    assertEquals("1234", ClusterIds.fromSetting("0x1234"));
    assertEquals("1bc16d674ec80000", ClusterIds.fromSetting("2000000000000000000"));
  }

  @Test
  void theSettingsRefuseABadIdBeforeAnyIo() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> EtcdSettings.builder().expectedClusterId("cluster-a").build());
    assertEquals(
        "expected_cluster_id must be the cluster id in hexadecimal, as etcdctl prints it"
            + " (cdf818194e3a8c32 or 0xcdf818194e3a8c32), or in decimal, as the v3 gateway sends it"
            + " (14841639068965178418), but was 'cluster-a'",
        e.getMessage());
    assertEquals(
        "14841639068965178418",
        EtcdSettings.builder()
            .expectedClusterId("14841639068965178418")
            .build()
            .expectedClusterId());
  }
}
