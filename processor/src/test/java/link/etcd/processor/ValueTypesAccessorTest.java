package link.etcd.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import link.etcd.EtcdSettings;
import link.etcd.middleware.EtcdMiddleware;
import link.etcd.testing.EtcdExtension;
import link.etcd.testing.EtcdProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Schema accessors store the value types as the same text as {@code set} does, and read it back, in
 * a real etcd.
 */
@ExtendWith(EtcdExtension.class)
final class ValueTypesAccessorTest {
  private static final UUID ID = UUID.fromString("123e4567-e89b-12d3-a456-426614174000");

  @Test
  void valueTypesRoundTripAsTheirText(EtcdProcess etcd) throws Exception {
    EtcdSettings settings =
        EtcdSettings.builder().host(etcd.host()).port(etcd.clientPort()).build();
    try (EtcdMiddleware middleware = new EtcdMiddleware(settings)) {
      ValueTypesAccessor conf = ValueTypesAccessor.of(middleware);
      assertNull(conf.at());
      assertEquals(LocalDate.of(2026, 11, 26), conf.day());
      assertEquals(ID, conf.id());
      assertEquals(new BigDecimal("9.90"), conf.price());

      conf.edit()
          .at(Instant.parse("2026-11-26T12:00:00Z"))
          .local(LocalDateTime.of(2026, 11, 26, 12, 30))
          .offset(OffsetDateTime.parse("2026-11-26T12:00+01:00"))
          .url(URI.create("https://example.com/a").toURL())
          .path(Path.of("conf/app.conf"))
          .big(BigInteger.TEN.pow(20))
          .peers(List.of(ID))
          .apply();

      assertEquals(
          Map.of(
              "at",
              "2026-11-26T12:00:00Z",
              "local",
              "2026-11-26T12:30",
              "offset",
              "2026-11-26T12:00+01:00",
              "url",
              "https://example.com/a",
              "path",
              "conf/app.conf",
              "big",
              "100000000000000000000",
              "peers",
              List.of("123e4567-e89b-12d3-a456-426614174000")),
          middleware.get("/myproject/values.conf/VALUES"));
      conf.reload();
      assertEquals(Instant.parse("2026-11-26T12:00:00Z"), conf.at());
      assertEquals(middleware.get("/myproject/values.conf/VALUES/at", Instant.class), conf.at());
      assertEquals("https://example.com/a", conf.url().orElseThrow().toString());
      assertEquals(Path.of("conf/app.conf"), conf.path());
      assertEquals(List.of(ID), conf.peers());

      middleware.set("/myproject/values.conf/VALUES/id", "not-a-uuid");
      conf.reload();
      IllegalStateException e = assertThrows(IllegalStateException.class, conf::id);
      assertEquals(
          "Expected a UUID (such as 123e4567-e89b-12d3-a456-426614174000) but was \"not-a-uuid\" at"
              + " /myproject/values.conf/VALUES/id",
          e.getMessage());
      middleware.delete("/myproject/values.conf");
    }
  }
}
