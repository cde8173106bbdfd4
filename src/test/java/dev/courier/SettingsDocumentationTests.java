package dev.courier;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The README's configuration table and the generated configuration metadata (from the settings records'
 * javadoc) list the same {@code courier.*} settings, each with a description, so neither drifts from the code.
 */
class SettingsDocumentationTests {

    private static final String PLAN_LIMITS = "courier.plans.<plan>.";
    private static final Pattern SETTING = Pattern.compile("`(courier\\.[a-z0-9.<>-]+)`");

    @Test
    void everyCourierSettingHasADescription() throws Exception {
        assertThat(metadata())
                .isNotEmpty()
                .allSatisfy(
                        (name, description) -> assertThat(description).as(name).isNotBlank());
    }

    @Test
    void theReadmeListsEveryCourierSetting() throws Exception {
        Set<String> documented = readmeSettings();
        Set<String> expected = new TreeSet<>(metadata().keySet());
        expected.remove("courier.plans"); // a map: the README lists its entries, one per limit
        planLimits().forEach(limit -> expected.add(PLAN_LIMITS + limit));

        assertThat(documented).containsExactlyInAnyOrderElementsOf(expected);
    }

    /** The {@code courier.*} settings in the first column of the README's configuration table. */
    private static Set<String> readmeSettings() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        String section = readme.substring(readme.indexOf("\n## Configuration"));
        section = section.substring(0, section.indexOf("\n## ", 1));
        Set<String> settings = new TreeSet<>();
        for (String line :
                section.lines().filter(line -> line.startsWith("| `")).toList()) {
            Matcher setting = SETTING.matcher(line.split("\\|")[1]);
            while (setting.find()) {
                settings.add(setting.group(1));
            }
        }
        return settings;
    }

    /** Every {@code courier.*} property in this project's generated metadata, with its description. */
    private static Map<String, String> metadata() throws IOException, URISyntaxException {
        Path classes = Path.of(CourierApplication.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
        JsonNode metadata = JsonMapper.builder()
                .build()
                .readTree(Files.readString(classes.resolve("META-INF/spring-configuration-metadata.json")));
        Map<String, String> properties = new TreeMap<>();
        for (JsonNode property : metadata.get("properties")) {
            String name = property.get("name").stringValue();
            if (name.startsWith("courier.")) {
                JsonNode description = property.get("description");
                properties.put(name, description == null ? "" : description.stringValue());
            }
        }
        return properties;
    }

    /** The limits a plan has (the metadata cannot describe a map's values): {@code PlanSettings.Limits}. */
    private static Set<String> planLimits() throws ClassNotFoundException {
        return Arrays.stream(
                        Class.forName("dev.courier.tenant.PlanSettings$Limits").getRecordComponents())
                .map(component ->
                        component.getName().replaceAll("([A-Z])", "-$1").toLowerCase())
                .collect(Collectors.toCollection(TreeSet::new));
    }
}
