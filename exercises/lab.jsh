//DEPS dev.kvlab:kvlab-runtime:0.1.0
// JShell start file for the lab: see docs/jshell.md.
//   ./jbang --interactive --cp "$(./jbang info jar exercises/RetrieveSecrets.java)" exercises/lab.jsh
import com.azure.security.keyvault.secrets.*;
import com.azure.security.keyvault.secrets.models.*;
import dev.kvlab.runtime.*;
import dev.kvlab.exercises.*;
import java.util.*;
var client = Lab.client();
System.out.println("client is a SecretClient for " + client.getVaultUrl() + " - try RetrieveSecrets.retrieveSecrets(client, RetrieveSecrets.SECRET_NAMES)");
