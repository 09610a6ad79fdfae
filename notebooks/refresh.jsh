// Notebook for exercise 14, Refresh: an app's settings refreshed when the sentinel key changes (docs/refresh.md).
// Open it with ./jbang notebook refresh: JShell starts with `client` ready, your SentinelRefresh class loaded,
// and the helpers show(x), check() and attempt(() -> ...). Run the cells in order; each starts with "// %%".

// %% A store client that counts its requests
// `config` reads the App Configuration store that runs inside the local vault (or the store in
// APP_CONFIG_CONNECTION_STRING / APP_CONFIG_ENDPOINT when one is set); its policy counts every request it sends.
import com.azure.data.appconfiguration.ConfigurationClient;
import java.util.concurrent.atomic.AtomicInteger;
AtomicInteger requests = new AtomicInteger();
ConfigurationClient config = Lab.configurationClient((context, next) -> {
    requests.incrementAndGet();
    return next.process();
});
System.out.println("store: " + Lab.storeConnection().endpoint());

// %% The app's settings, on a clock you move yourself
// The refresh interval is measured on `now`, so the notebook moves time instead of waiting 30 s.
long[] now = {0};
SentinelRefresh.RefreshingSettings settings = new SentinelRefresh.RefreshingSettings(config, SentinelRefresh.PREFIX,
        null, SentinelRefresh.SENTINEL, SentinelRefresh.REFRESH_INTERVAL, () -> now[0]);

// %% The first read loads everything
// attempt(...) runs your code; while a region is untouched it prints which region to fill.
requests.set(0);
show(attempt(() -> settings.snapshot()));
System.out.println("first read: " + requests.get() + " request(s)");

// %% Within the interval the store is not asked
requests.set(0);
now[0] += Duration.ofSeconds(10).toNanos();
System.out.println(attempt(() -> {
    for (int i = 0; i < 100; i++) {
        settings.get("OpenAI:DeploymentName");
    }
    return "100 reads 10 s later: " + requests.get() + " request(s)";
}));

// %% A setting changes, the sentinel not yet
// After the interval the app polls only the sentinel (a conditional GET, 304 Not Modified): it keeps the old value.
String deployment = config.getConfigurationSetting("OpenAI:DeploymentName", null).getValue();
config.setConfigurationSetting("OpenAI:DeploymentName", null, "gpt-4.1-mini");
requests.set(0);
now[0] += SentinelRefresh.REFRESH_INTERVAL.toNanos();
System.out.println(attempt(() -> "sentinel unchanged: " + settings.get("OpenAI:DeploymentName") + " after "
        + requests.get() + " request(s)"));

// %% Then the sentinel changes
// Whoever changes the settings changes the sentinel last: at the next poll the app reloads everything at once.
config.setConfigurationSetting(SentinelRefresh.SENTINEL, null, "notebook-" + UUID.randomUUID());
now[0] += SentinelRefresh.REFRESH_INTERVAL.toNanos();
System.out.println(attempt(() -> "sentinel changed: " + settings.get("OpenAI:DeploymentName")));

// %% Put the store back
// The old deployment name, then the sentinel once more, so every app that polls it reloads.
config.setConfigurationSetting("OpenAI:DeploymentName", null, deployment);
config.setConfigurationSetting(SentinelRefresh.SENTINEL, null, "notebook-" + UUID.randomUUID());
System.out.println("OpenAI:DeploymentName is " + deployment + " again");

// %% Check your work
// The same checks as ./jbang check refresh, on your file as saved now (they use a store of their own).
check();
