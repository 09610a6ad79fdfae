// expect: fail 10 accesses to 2 secrets within the TTL cost 2 vault calls
// message: 10 vault calls
// BEGIN CACHE_GET
            vaultCalls++;
            return client.getSecret(name).getValue();
// END CACHE_GET
