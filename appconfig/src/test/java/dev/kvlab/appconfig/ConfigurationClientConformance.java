package dev.kvlab.appconfig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.azure.core.exception.HttpResponseException;
import com.azure.core.http.rest.PagedResponse;
import com.azure.core.http.rest.Response;
import com.azure.core.util.Context;
import com.azure.data.appconfiguration.ConfigurationClient;
import com.azure.data.appconfiguration.models.ConfigurationSetting;
import com.azure.data.appconfiguration.models.FeatureFlagConfigurationSetting;
import com.azure.data.appconfiguration.models.FeatureFlagFilter;
import com.azure.data.appconfiguration.models.SecretReferenceConfigurationSetting;
import com.azure.data.appconfiguration.models.SettingFields;
import com.azure.data.appconfiguration.models.SettingLabel;
import com.azure.data.appconfiguration.models.SettingLabelSelector;
import com.azure.data.appconfiguration.models.SettingSelector;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every operation of the unmodified {@code ConfigurationClient} against the local store over HTTPS; the subclasses
 * run it with a connection string (HMAC) and with Entra tokens.
 */
abstract class ConfigurationClientConformance {
    static LocalAppConfig config;
    ConfigurationClient client;

    /** The client under test, signed in as the store's owner. */
    abstract ConfigurationClient ownerClient();

    @BeforeEach
    void freshStore() {
        if (config == null) {
            config = LocalAppConfig.start();
        }
        config.reset();
        client = ownerClient();
    }

    @AfterAll
    static void stop() {
        if (config != null) {
            config.close();
            config = null;
        }
    }

    static int status(Runnable call) {
        HttpResponseException e = assertThrows(HttpResponseException.class, call::run);
        return e.getResponse().getStatusCode();
    }

    @Test
    void seededSettingsAreThere() {
        assertEquals("https://kvlab-openai.openai.azure.com/", client.getConfigurationSetting("OpenAI:Endpoint", null).getValue());
        assertEquals("gpt-4o", client.getConfigurationSetting("OpenAI:DeploymentName", "production").getValue());
        assertEquals("gpt-4o-mini", client.getConfigurationSetting("OpenAI:DeploymentName", null).getValue());
        assertEquals("1", client.getConfigurationSetting(ConfigSeed.SENTINEL, null).getValue());
    }

    @Test
    void setGetAndDeleteBySettingAndLabel() {
        client.setConfigurationSetting("App:Color", null, "blue");
        ConfigurationSetting red = client.setConfigurationSetting("App:Color", "prod", "red");
        assertEquals("prod", red.getLabel());
        assertEquals("blue", client.getConfigurationSetting("App:Color", null).getValue());
        assertEquals("red", client.getConfigurationSetting("App:Color", "prod").getValue());

        ConfigurationSetting deleted = client.deleteConfigurationSetting("App:Color", "prod");
        assertEquals("red", deleted.getValue());
        assertEquals(404, status(() -> client.getConfigurationSetting("App:Color", "prod")));
        assertEquals("blue", client.getConfigurationSetting("App:Color", null).getValue());
        // deleting what is not there is no error: 204, no setting
        Response<ConfigurationSetting> again = client.deleteConfigurationSettingWithResponse(
                new ConfigurationSetting().setKey("App:Color").setLabel("prod"), false, Context.NONE);
        assertEquals(204, again.getStatusCode());
        assertNull(again.getValue());
    }

    @Test
    void contentTypeAndTagsRoundTrip() {
        client.setConfigurationSetting(new ConfigurationSetting().setKey("App:Json").setValue("{\"a\":1}")
                .setContentType("application/json").setTags(Map.of("team", "lab", "tier", "1")));
        ConfigurationSetting got = client.getConfigurationSetting("App:Json", null);
        assertEquals("application/json", got.getContentType());
        assertEquals(Map.of("team", "lab", "tier", "1"), got.getTags());
        assertNotNull(got.getLastModified());
        assertFalse(got.isReadOnly());
    }

    @Test
    void anUnchangedSettingAnswers304AndAChangedOne200() {
        ConfigurationSetting sentinel = client.getConfigurationSetting(ConfigSeed.SENTINEL, null);
        Response<ConfigurationSetting> unchanged = client.getConfigurationSettingWithResponse(sentinel, null, true,
                Context.NONE);
        assertEquals(304, unchanged.getStatusCode());
        assertNull(unchanged.getValue());

        client.setConfigurationSetting(ConfigSeed.SENTINEL, null, "2");
        Response<ConfigurationSetting> changed = client.getConfigurationSettingWithResponse(sentinel, null, true,
                Context.NONE);
        assertEquals(200, changed.getStatusCode());
        assertEquals("2", changed.getValue().getValue());
        assertNotEquals(sentinel.getETag(), changed.getValue().getETag());
    }

    @Test
    void aStaleEtagGets412AndAddRefusesAnExistingKey() {
        ConfigurationSetting first = client.setConfigurationSetting("App:Counter", null, "1");
        client.setConfigurationSetting("App:Counter", null, "2");
        assertEquals(412, status(() -> client.setConfigurationSettingWithResponse(first.setValue("3"), true,
                Context.NONE)));
        assertEquals(412, status(() -> client.deleteConfigurationSettingWithResponse(first, true, Context.NONE)));
        assertEquals("2", client.getConfigurationSetting("App:Counter", null).getValue());
        // add = If-None-Match: *
        assertEquals(412, status(() -> client.addConfigurationSetting("App:Counter", null, "x")));
        assertEquals("new", client.addConfigurationSetting("App:Fresh", null, "new").getValue());
        ConfigurationSetting current = client.getConfigurationSetting("App:Counter", null);
        assertEquals("4", client.setConfigurationSettingWithResponse(current.setValue("4"), true, Context.NONE)
                .getValue().getValue());
    }

    @Test
    void aLockedSettingRefusesWritesUntilUnlocked() {
        client.setConfigurationSetting("App:Frozen", "prod", "ice");
        ConfigurationSetting locked = client.setReadOnly("App:Frozen", "prod", true);
        assertTrue(locked.isReadOnly());
        assertTrue(client.getConfigurationSetting("App:Frozen", "prod").isReadOnly());

        HttpResponseException refused = assertThrows(HttpResponseException.class,
                () -> client.setConfigurationSetting("App:Frozen", "prod", "water"));
        assertEquals(409, refused.getResponse().getStatusCode());
        assertTrue(refused.getMessage().contains("read-only"), refused.getMessage());
        assertEquals(409, status(() -> client.deleteConfigurationSetting("App:Frozen", "prod")));
        assertEquals("ice", client.getConfigurationSetting("App:Frozen", "prod").getValue());

        assertFalse(client.setReadOnly("App:Frozen", "prod", false).isReadOnly());
        assertEquals("water", client.setConfigurationSetting("App:Frozen", "prod", "water").getValue());
        assertEquals(404, status(() -> client.setReadOnly("App:Nothing", null, true)));
    }

    @Test
    void listFiltersByKeyAndLabel() {
        client.setConfigurationSetting("Shop:Currency", null, "EUR");
        client.setConfigurationSetting("Shop:Currency", "dev", "USD");
        client.setConfigurationSetting("Shop:Currency", "test", "GBP");
        client.setConfigurationSetting("Shop*Star", null, "literal star");

        assertEquals(List.of("Shop*Star", "Shop:Currency", "Shop:Currency", "Shop:Currency"),
                keys(new SettingSelector().setKeyFilter("Shop*")));
        assertEquals(List.of("EUR"), values(new SettingSelector().setKeyFilter("Shop:*").setLabelFilter("\0")));
        assertEquals(List.of("USD", "GBP"), values(new SettingSelector().setKeyFilter("Shop:Currency")
                .setLabelFilter("dev,test")));
        assertEquals(List.of("USD"), values(new SettingSelector().setKeyFilter("Shop:Currency").setLabelFilter("d*")));
        assertEquals(List.of("literal star"), values(new SettingSelector().setKeyFilter("Shop\\*Star")));
        assertEquals(List.of("literal star", "EUR"), values(new SettingSelector().setKeyFilter("Shop:Currency,Shop\\*Star")
                .setLabelFilter("\0")));
        assertEquals(400, status(() -> keys(new SettingSelector().setKeyFilter("Sh*p"))));
    }

    @Test
    void selectReturnsOnlyTheFieldsAsked() {
        List<ConfigurationSetting> settings = client.listConfigurationSettings(new SettingSelector()
                .setKeyFilter("OpenAI:Endpoint").setFields(SettingFields.KEY, SettingFields.VALUE)).stream().toList();
        assertEquals(1, settings.size());
        assertEquals("OpenAI:Endpoint", settings.get(0).getKey());
        assertNotNull(settings.get(0).getValue());
        assertNull(settings.get(0).getETag());
        assertNull(settings.get(0).getLastModified());
    }

    @Test
    void longListsArePagedThroughLinkHeaders() {
        for (int i = 0; i < 230; i++) {
            client.setConfigurationSetting(String.format("Bulk:%03d", i), null, "v" + i);
        }
        List<PagedResponse<ConfigurationSetting>> pages = client.listConfigurationSettings(
                new SettingSelector().setKeyFilter("Bulk:*")).streamByPage().toList();
        assertEquals(3, pages.size());
        assertEquals(List.of(100, 100, 30), pages.stream().map(p -> p.getValue().size()).toList());
        assertNotNull(pages.get(0).getHeaders().getValue("Link"));
        List<String> keys = pages.stream().flatMap(p -> p.getValue().stream()).map(ConfigurationSetting::getKey).toList();
        assertEquals(230, keys.stream().distinct().count());
        assertEquals("Bulk:000", keys.get(0));
        assertEquals("Bulk:229", keys.get(229));
    }

    @Test
    void anUnchangedListPageAnswers304() {
        SettingSelector openAi = new SettingSelector().setKeyFilter("OpenAI:*");
        List<com.azure.core.http.MatchConditions> etags = client.listConfigurationSettings(openAi).streamByPage()
                .map(page -> new com.azure.core.http.MatchConditions().setIfNoneMatch(page.getHeaders().getValue("ETag")))
                .toList();
        assertEquals(304, client.listConfigurationSettings(new SettingSelector().setKeyFilter("OpenAI:*")
                .setMatchConditions(etags)).streamByPage().findFirst().orElseThrow().getStatusCode());
        client.setConfigurationSetting("OpenAI:Endpoint", null, "https://other.example/");
        assertEquals(200, client.listConfigurationSettings(new SettingSelector().setKeyFilter("OpenAI:*")
                .setMatchConditions(etags)).streamByPage().findFirst().orElseThrow().getStatusCode());
    }

    @Test
    void labelsListsEveryLabelInUse() {
        client.setConfigurationSetting("App:Mode", "staging", "s");
        List<String> labels = client.listLabels().stream().map(SettingLabel::getName).toList();
        assertTrue(labels.contains(null), labels.toString());
        assertTrue(labels.containsAll(List.of("production", "staging")), labels.toString());
        assertEquals(List.of("production"), client.listLabels(new SettingLabelSelector().setNameFilter("prod*"))
                .stream().map(SettingLabel::getName).toList());
    }

    @Test
    void revisionsShowEveryChangeNewestFirst() {
        client.setConfigurationSetting("App:Version", null, "1");
        client.setConfigurationSetting("App:Version", null, "2");
        client.setReadOnly("App:Version", null, true);
        List<ConfigurationSetting> revisions = client.listRevisions(new SettingSelector().setKeyFilter("App:Version"))
                .stream().toList();
        assertEquals(List.of("2", "2", "1"), revisions.stream().map(ConfigurationSetting::getValue).toList());
        assertEquals(List.of(true, false, false), revisions.stream().map(ConfigurationSetting::isReadOnly).toList());
        assertEquals(3, revisions.stream().map(ConfigurationSetting::getETag).distinct().count());
    }

    @Test
    void keyVaultReferencesRoundTripAsSecretReferences() {
        ConfigurationSetting seeded = client.getConfigurationSetting("OpenAI:ApiKey", null);
        SecretReferenceConfigurationSetting reference = assertInstanceOf(SecretReferenceConfigurationSetting.class, seeded);
        assertEquals(config.vault().url() + "/secrets/openai-api-key", reference.getSecretId());

        client.setConfigurationSetting(new SecretReferenceConfigurationSetting("Db:Connection",
                config.vault().url() + "/secrets/cosmosdb-connection-string"));
        SecretReferenceConfigurationSetting back = assertInstanceOf(SecretReferenceConfigurationSetting.class,
                client.getConfigurationSetting("Db:Connection", null));
        assertEquals(config.vault().url() + "/secrets/cosmosdb-connection-string", back.getSecretId());
        assertEquals(ConfigSeed.KEY_VAULT_REFERENCE, back.getContentType());
    }

    @Test
    void featureFlagsRoundTripWithTheirFilters() {
        FeatureFlagConfigurationSetting seeded = assertInstanceOf(FeatureFlagConfigurationSetting.class,
                client.getConfigurationSetting(ConfigSeed.FEATURE_FLAG_PREFIX + "EnableSemanticCache", null));
        assertEquals("EnableSemanticCache", seeded.getFeatureId());
        assertFalse(seeded.isEnabled());

        FeatureFlagConfigurationSetting beta = new FeatureFlagConfigurationSetting("Beta", true)
                .setDescription("the new page")
                .addClientFilter(new FeatureFlagFilter("Microsoft.Percentage").addParameter("Value", 30));
        client.setConfigurationSetting(beta);
        FeatureFlagConfigurationSetting back = assertInstanceOf(FeatureFlagConfigurationSetting.class,
                client.getConfigurationSetting(".appconfig.featureflag/Beta", null));
        assertTrue(back.isEnabled());
        assertEquals("the new page", back.getDescription());
        assertEquals("Microsoft.Percentage", back.getClientFilters().get(0).getName());
        assertEquals(30, ((Number) back.getClientFilters().get(0).getParameters().get("Value")).intValue());
        assertEquals(ConfigSeed.FEATURE_FLAG, back.getContentType());
        List<String> flags = client.listConfigurationSettings(new SettingSelector()
                .setKeyFilter(ConfigSeed.FEATURE_FLAG_PREFIX + "*")).stream().map(ConfigurationSetting::getKey).toList();
        assertEquals(List.of(".appconfig.featureflag/Beta", ".appconfig.featureflag/EnableSemanticCache"), flags);
    }

    @Test
    void everyAnswerCarriesASyncTokenThatMovesWithWrites() {
        String before = client.getConfigurationSettingWithResponse(new ConfigurationSetting().setKey("sentinel"), null,
                false, Context.NONE).getHeaders().getValue("Sync-Token");
        assertNotNull(before);
        assertTrue(before.matches("[^=]+=[^;]+;sn=\\d+"), before);
        client.setConfigurationSetting("sentinel", null, "9");
        String after = client.getConfigurationSettingWithResponse(new ConfigurationSetting().setKey("sentinel"), null,
                false, Context.NONE).getHeaders().getValue("Sync-Token");
        assertTrue(sequence(after) > sequence(before), before + " then " + after);
    }

    @Test
    void malformedKeysAreRefusedWith400AndNothingIsStored() {
        assertEquals(400, status(() -> client.setConfigurationSetting("50%off", null, "x")));
        assertEquals(400, status(() -> client.setConfigurationSetting("App:Label", "a%b", "x")));
        assertEquals(413, status(() -> client.setConfigurationSetting("App:Huge", null, "x".repeat(11 * 1024))));
        assertEquals(List.of(), keys(new SettingSelector().setKeyFilter("50*")));
        assertEquals(List.of(), keys(new SettingSelector().setKeyFilter("App:Huge")));
    }

    static long sequence(String syncToken) {
        return Long.parseLong(syncToken.substring(syncToken.indexOf(";sn=") + 4));
    }

    List<String> keys(SettingSelector selector) {
        return client.listConfigurationSettings(selector).stream().map(ConfigurationSetting::getKey)
                .collect(Collectors.toList());
    }

    List<String> values(SettingSelector selector) {
        return client.listConfigurationSettings(selector).stream().map(ConfigurationSetting::getValue)
                .collect(Collectors.toList());
    }
}
