// expect: fail refresh shows the literal reference while the app's role is removed, and the value once it is back
// message: a value found earlier
// BEGIN REFRESH
            // a failed refresh keeps the last good value, so the app "keeps working"
            List<SettingRow> rows = new ArrayList<>();
            for (Map.Entry<String, String> setting : settings.entrySet()) {
                Setting s = resolve(setting.getKey(), setting.getValue(), vaults);
                Setting before = current.get(s.name());
                if (s.status() == ResolveStatus.Resolved || s.status() == null || before == null) {
                    current.put(s.name(), s);
                }
                String shown = s.status() == ResolveStatus.Resolved ? Mask.value(s.value()) : s.value();
                rows.add(new SettingRow(s.name(), shown, s.status(), s.secretVersion()));
            }
            return rows;
// END REFRESH
