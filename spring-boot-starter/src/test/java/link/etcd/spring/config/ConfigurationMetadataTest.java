package link.etcd.spring.config;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.squareup.moshi.Moshi;
import com.squareup.moshi.Types;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import link.etcd.EtcdSettings;
import org.junit.jupiter.api.Test;

/** The IDE completes every option of middleware.conf as a link.etcd.* property. */
class ConfigurationMetadataTest {
  @Test
  void metadataDescribesEveryOption() throws IOException {
    List<String> names = metadataNames();
    for (String option : EtcdSettings.optionNames()) {
      String property = EtcdConnectionProperties.property(option);
      assertTrue(names.contains(property), property + " is not in the metadata");
    }
  }

  @SuppressWarnings("unchecked") // the metadata is a JSON object of arrays of objects
  private static List<String> metadataNames() throws IOException {
    try (InputStream in =
        ConfigurationMetadataTest.class.getResourceAsStream(
            "/META-INF/spring-configuration-metadata.json")) {
      Map<String, Object> metadata =
          new Moshi.Builder()
              .build()
              .<Map<String, Object>>adapter(
                  Types.newParameterizedType(Map.class, String.class, Object.class))
              .fromJson(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      return ((List<Map<String, Object>>) metadata.get("properties"))
          .stream().map(property -> (String) property.get("name")).toList();
    }
  }
}
