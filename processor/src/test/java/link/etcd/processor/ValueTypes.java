package link.etcd.processor;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URL;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import link.etcd.schema.ConfigSchema;
import link.etcd.schema.Default;
import org.jspecify.annotations.Nullable;

/**
 * A schema of the value types stored as their standard text, compiled by this module's processor.
 */
@ConfigSchema(paths = "myproject/values.conf", category = "VALUES")
public interface ValueTypes {
  @Nullable Instant at();

  @Default("2026-11-26")
  LocalDate day();

  @Nullable LocalDateTime local();

  @Nullable OffsetDateTime offset();

  @Default("123e4567-e89b-12d3-a456-426614174000")
  UUID id();

  Optional<URL> url();

  @Nullable Path path();

  @Default("9.90")
  BigDecimal price();

  @Nullable BigInteger big();

  List<UUID> peers();
}
