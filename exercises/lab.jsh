//DEPS dev.kvlab:kvlab-runtime:0.1.0
// JBang starts JShell with every JDK module (--add-modules=ALL-SYSTEM), which makes the JVM warn "Using incubator
// modules" at start. The lab needs none of those: limit the modules to what it uses (names both Java 17 and 25 have).
//JAVA_OPTIONS --limit-modules=java.se,jdk.jshell,jdk.httpserver,jdk.crypto.ec,jdk.crypto.cryptoki,jdk.unsupported,jdk.zipfs,jdk.charsets,jdk.localedata,jdk.naming.dns,jdk.net,jdk.management,jdk.jfr,jdk.security.auth,jdk.security.jgss
// JShell start file for the lab: see docs/jshell.md.
//   ./jbang --interactive --cp "$(./jbang info jar exercises/RetrieveSecrets.java)" exercises/lab.jsh
import com.azure.security.keyvault.secrets.*;
import com.azure.security.keyvault.secrets.models.*;
import dev.kvlab.runtime.*;
import dev.kvlab.exercises.*;
import java.util.*;
var client = Lab.client();
System.out.println("client is a SecretClient for " + client.getVaultUrl() + " - try RetrieveSecrets.retrieveSecrets(client, RetrieveSecrets.SECRET_NAMES)");
