package link.etcd.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EtcdClusterTest {
  @Test
  void startsThreeMembersThatKillPauseAndRestartByTheirOwnPid() throws Exception {
    try (EtcdCluster cluster = EtcdCluster.start()) {
      List<String> endpoints = cluster.endpoints();
      assertEquals(3, endpoints.size());
      Set<Long> pids = new HashSet<>();
      for (int member = 0; member < 3; member++) {
        pids.add(cluster.pid(member));
        assertTrue(cluster.clientUrl(member).endsWith(endpoints.get(member)));
      }
      assertEquals(3, pids.size());

      int leader = cluster.leader();
      int follower = (leader + 1) % 3;
      long followerPid = cluster.pid(follower);
      cluster.pause(follower);
      assertTrue(awaitStopped(followerPid, true), "member not stopped after SIGSTOP");
      cluster.resume(follower);
      assertTrue(awaitStopped(followerPid, false), "member still stopped after SIGCONT");

      cluster.kill(follower);
      assertFalse(ProcessHandle.of(followerPid).map(ProcessHandle::isAlive).orElse(false));
      assertThrows(IllegalStateException.class, () -> cluster.pid(follower));
      cluster.restart(follower);
      assertNotEquals(followerPid, cluster.pid(follower));
      assertTrue(ProcessHandle.of(cluster.pid(leader)).orElseThrow().isAlive());
    }
  }

  /** Waits up to 5 s for the process state of /proc/PID/stat to be (or not be) T, stopped. */
  private static boolean awaitStopped(long pid, boolean stopped) throws Exception {
    for (int i = 0; i < 50; i++) {
      String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
      char state = stat.charAt(stat.lastIndexOf(')') + 2);
      if ((state == 'T') == stopped) {
        return true;
      }
      Thread.sleep(100);
    }
    return false;
  }
}
