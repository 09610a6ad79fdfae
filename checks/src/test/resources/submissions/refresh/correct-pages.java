// expect: pass
// walks the listing page by page into a plain HashMap, copied once at the end
// BEGIN LOAD_ALL
            SettingSelector selector = new SettingSelector().setKeyFilter(prefix + "*");
            selector.setLabelFilter(label != null ? label : "\0");
            Map<String, String> settings = new java.util.HashMap<>();
            client.listConfigurationSettings(selector).iterableByPage().forEach(page ->
                    page.getValue().forEach(s -> settings.put(s.getKey(), s.getValue())));
            return new Snapshot(sentinel.getValue(), Map.copyOf(settings));
// END LOAD_ALL
