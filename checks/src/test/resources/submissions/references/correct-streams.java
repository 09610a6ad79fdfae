// expect: pass
// BEGIN REFRESH
            List<Setting> all = settings.entrySet().stream()
                    .map(e -> resolve(e.getKey(), e.getValue(), vaults))
                    .toList();
            current.clear();
            all.forEach(s -> current.put(s.name(), s));
            return all.stream()
                    .map(s -> new SettingRow(s.name(), s.status() == ResolveStatus.Resolved ? Mask.value(s.value()) : s.value(),
                            s.status(), s.secretVersion()))
                    .toList();
// END REFRESH
