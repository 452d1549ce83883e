package link.etcd.middleware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * Without link-etcd-kotlin (so without moshi-kotlin), a Kotlin class is refused with the one
 * dependency that maps it: the runtime's test class path has no moshi-kotlin, as a Java user's.
 */
final class KotlinClassWithoutMoshiKotlinTest {
  /** What Kotlin compiles a data class to, as Moshi sees it: a class marked {@code @Metadata}. */
  @kotlin.Metadata
  public static final class Service {
    public String host = "api";
  }

  @Test
  void writingAKotlinClassNamesTheKotlinArtifact() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> TypeMapping.DEFAULT.toJsonValue(new Service(), "/services/api"));
    assertEquals(
        "Unsupported value of type "
            + Service.class.getName()
            + " at /services/api: Moshi cannot map it (Cannot serialize Kotlin type "
            + Service.class.getName()
            + ". Reflective serialization of Kotlin classes without using kotlin-reflect has"
            + " undefined and unexpected behavior. Please use KotlinJsonAdapterFactory from the"
            + " moshi-kotlin artifact or use code gen from the moshi-kotlin-codegen artifact.); a"
            + " Kotlin class maps when link.etcd:link-etcd-kotlin is a dependency (it brings"
            + " moshi-kotlin with kotlin-reflect), or give EtcdMiddleware a Moshi with an adapter"
            + " for it",
        e.getMessage());
  }

  @Test
  void readingIntoAKotlinClassNamesTheKotlinArtifact() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> TypeMapping.DEFAULT.fromTree(java.util.Map.of("host", "a"), Service.class, "/s"));
    assertEquals(
        true,
        e.getMessage()
            .endsWith(
                "a Kotlin class maps when link.etcd:link-etcd-kotlin is a"
                    + " dependency (it brings moshi-kotlin with kotlin-reflect), or give EtcdMiddleware a"
                    + " Moshi with an adapter for it"),
        e.getMessage());
  }
}
