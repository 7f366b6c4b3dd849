package io.webfon.gateway.config;

/**
 * One thing wrong with the configuration, naming where it was set, the key and the rule it breaks, e.g.
 * {@code gateway.jcfg:12: general.session_timeout = "abc": must be an integer from 0 to 86400}.
 */
public record ConfigProblem(String origin, String key, String value, String rule) {

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        if (origin != null) {
            sb.append(origin).append(": ");
        }
        sb.append(key);
        if (value != null) {
            sb.append(" = \"").append(value).append('"');
        }
        return sb.append(": ").append(rule).toString();
    }
}
