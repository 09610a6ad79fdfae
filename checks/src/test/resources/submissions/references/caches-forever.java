// expect: fail refresh picks up a rotation for versionless references, not for pinned ones
// message: in one refresh
// BEGIN REFRESH
            // a setting resolved once is kept: the vault is asked only for what never resolved
            List<SettingRow> rows = new ArrayList<>();
            for (Map.Entry<String, String> setting : settings.entrySet()) {
                Setting s = current.get(setting.getKey());
                if (s == null || s.status() != ResolveStatus.Resolved) {
                    s = resolve(setting.getKey(), setting.getValue(), vaults);
                    current.put(s.name(), s);
                }
                String shown = s.status() == ResolveStatus.Resolved ? Mask.value(s.value()) : s.value();
                rows.add(new SettingRow(s.name(), shown, s.status(), s.secretVersion()));
            }
            return rows;
// END REFRESH
