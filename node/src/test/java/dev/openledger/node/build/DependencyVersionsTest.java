package dev.openledger.node.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Versions are managed in one place: the root POM. No module POM states a dependency or plugin
 * version.
 */
class DependencyVersionsTest {
  private static final Path ROOT = Path.of(System.getProperty("openledger.repo.root"));

  @Test
  void noModulePinsAVersion() throws IOException {
    List<String> modules = PomVersions.modules(Files.readAllBytes(ROOT.resolve("pom.xml")));
    assertThat(modules)
        .contains(
            "core", "ledger", "ml", "datanet", "attribution", "modelfactory", "openlora", "node");
    List<String> pinned = new ArrayList<>();
    for (String m : modules) {
      for (String artifact :
          PomVersions.pinned(Files.readAllBytes(ROOT.resolve(m).resolve("pom.xml")))) {
        pinned.add(m + "/pom.xml pins " + artifact);
      }
    }
    assertThat(pinned)
        .as("move these versions to the root pom's dependencyManagement or pluginManagement")
        .isEmpty();
  }

  @Test
  void aPinnedVersionIsNamed() throws IOException {
    String pom =
        """
        <project>
          <parent><groupId>dev.openledger</groupId><artifactId>openledger-parent</artifactId><version>1</version></parent>
          <dependencies>
            <dependency><groupId>org.slf4j</groupId><artifactId>slf4j-api</artifactId></dependency>
            <dependency><groupId>com.google.guava</groupId><artifactId>guava</artifactId><version>33.0.0-jre</version></dependency>
          </dependencies>
          <build><plugins><plugin><artifactId>maven-jar-plugin</artifactId><version>3.4.2</version></plugin></plugins></build>
        </project>
        """;
    assertThat(PomVersions.pinned(pom.getBytes(StandardCharsets.UTF_8)))
        .containsExactly("com.google.guava:guava", "org.apache.maven.plugins:maven-jar-plugin");
  }
}
