package dev.kvlab.vault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The local vault's seed and the setup script's sample secrets stay the same, so both print the same values. */
class SeedTest {

    @Test
    void labSeedMatchesWhatTheSetupScriptStores() throws Exception {
        Path script = Path.of("..", "setup", "azdeploy.sh");
        assumeTrue(Files.exists(script), "setup/azdeploy.sh is beside the vault module in the lab's checkout");
        // sample_secrets prints "name content-type service value" lines
        Matcher m = Pattern.compile("\"([0-9a-z-]+) (application/[0-9a-z-]+) ([a-z]+) ([^\" ]+)\"")
                .matcher(Files.readString(script));
        List<String> fromScript = new ArrayList<>();
        while (m.find()) {
            fromScript.add(m.group(1) + " " + m.group(2) + " environment=development service=" + m.group(3) + " "
                    + m.group(4));
        }
        List<String> fromSeed = new ArrayList<>();
        for (Seed.SeedSecret s : Seed.LAB.secrets()) {
            fromSeed.add(s.name() + " " + s.contentType() + " environment=" + s.tags().get("environment")
                    + " service=" + s.tags().get("service") + " " + s.value());
        }
        assertEquals(fromScript, fromSeed);
        Matcher days = Pattern.compile("(?m)^expiry_days=(\\d+)$").matcher(Files.readString(script));
        assumeTrue(days.find(), "the script names its expiry in days");
        for (Seed.SeedSecret s : Seed.LAB.secrets()) {
            assertEquals(Long.parseLong(days.group(1)), s.expiresAfter().toDays(), s.name() + " expires like the script's");
        }
    }
}
