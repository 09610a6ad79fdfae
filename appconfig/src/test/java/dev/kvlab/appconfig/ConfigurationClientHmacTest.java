package dev.kvlab.appconfig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.azure.data.appconfiguration.ConfigurationClient;
import com.azure.data.appconfiguration.models.ConfigurationSetting;
import com.azure.data.appconfiguration.models.SettingSelector;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ConfigurationClientHmacTest {
    static LocalAppConfig config;
    static ConfigurationClient client;

    @BeforeAll
    static void start() {
        config = LocalAppConfig.start();
        client = ConfigClients.withConnectionString(config);
    }

    @AfterAll
    static void stop() {
        config.close();
    }

    @Test
    void roundTripsASettingWithAConnectionString() {
        ConfigurationSetting set = client.setConfigurationSetting("App:Greeting", "dev", "hello");
        assertEquals("hello", set.getValue());
        assertNotNull(set.getETag());
        ConfigurationSetting got = client.getConfigurationSetting("App:Greeting", "dev");
        assertEquals("hello", got.getValue());
        assertEquals(set.getETag(), got.getETag());
        List<ConfigurationSetting> openAi = client.listConfigurationSettings(new SettingSelector().setKeyFilter("OpenAI:*"))
                .stream().toList();
        assertTrue(openAi.size() >= 4, openAi.toString());
    }
}
