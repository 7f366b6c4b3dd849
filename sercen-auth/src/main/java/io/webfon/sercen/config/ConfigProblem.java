package io.webfon.sercen.config;

/**
 * One thing wrong with the configuration: where it was set ({@code sercen.jcfg:12}, an environment variable or an
 * option), the key, the value as given (never a secret's) and the rule it breaks.
 */
public record ConfigProblem(String origin, String key, String value, String rule) {
    @Override
    public String toString() {
        return origin + ": " + key + (value == null ? "" : " = \"" + value + "\"") + ": " + rule;
    }
}
