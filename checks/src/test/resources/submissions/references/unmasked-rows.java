// expect: fail one bad setting does not stop the others; the settings page masks every resolved value
// message: the whole secret value
// BEGIN REFRESH
            List<SettingRow> rows = new ArrayList<>();
            current.clear();
            for (Map.Entry<String, String> setting : settings.entrySet()) {
                Setting s = resolve(setting.getKey(), setting.getValue(), vaults);
                current.put(s.name(), s);
                rows.add(new SettingRow(s.name(), s.value(), s.status(), s.secretVersion()));
            }
            return rows;
// END REFRESH
