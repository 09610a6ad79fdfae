package dev.kvlab.appconfig;

import java.util.Map;

/** What the store answers; the HTTPS front writes it out as it is. */
record ConfigResponse(int status, Map<String, String> headers, byte[] body) {
}
