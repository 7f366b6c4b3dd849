package io.webfon.sercen.config;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The original serCen.conf key names, accepted in {@code serCen.conf} and {@code sercen.jcfg} alike and in any
 * section (the original's sections are not part of its documented interface), so an existing deployment's
 * lines can be copied over one by one. Most set one key as they are; two need translating:
 * <ul>
 *   <li>{@code smtps_usa = true|false} sets {@code smtp.security} to {@code smtps} or {@code none};</li>
 *   <li>{@code f1factor_NN_ip} with {@code f1factor_NN_msk} (a dotted netmask) add the network
 *       {@code ip/prefix} to {@code two_factor.trusted_networks}; an empty ip is a pair left unused.</li>
 * </ul>
 */
public final class LegacyAliases {
    /** {@code f1factor_00_ip}, {@code f1factor_00_msk}: the pair number and which half. */
    static final Pattern F1FACTOR = Pattern.compile("f1factor_(\\d{1,3})_(ip|msk)");
    static final String SMTPS_USA = "smtps_usa";

    private static final Map<String, String> SIMPLE = simple();

    private LegacyAliases() {
    }

    private static Map<String, String> simple() {
        Map<String, String> m = new LinkedHashMap<>();
        for (Key k : SercenSchema.KEYS) {
            for (String legacy : k.legacyNames()) {
                m.put(legacy.toLowerCase(Locale.ROOT), k.id());
            }
        }
        return m;
    }

    /** The key a legacy name sets as it is, or {@code null} (also for the two translated ones). */
    static String canonical(String legacyName) {
        return SIMPLE.get(legacyName.toLowerCase(Locale.ROOT));
    }

    static boolean isLegacy(String name) {
        return canonical(name) != null || name.equalsIgnoreCase(SMTPS_USA) || F1FACTOR.matcher(name).matches();
    }

    /** Every legacy name with what it sets, for the documentation. */
    public static Map<String, String> documented() {
        Map<String, String> m = new LinkedHashMap<>();
        for (Key k : SercenSchema.KEYS) {
            for (String legacy : k.legacyNames()) {
                m.put(legacy, k.id());
            }
        }
        m.put(SMTPS_USA, "smtp.security (true: smtps, false: none)");
        m.put("f1factor_NN_ip", "two_factor.trusted_networks (with f1factor_NN_msk: ip/prefix)");
        m.put("f1factor_NN_msk", "two_factor.trusted_networks (the netmask of the pair)");
        return m;
    }

    static Matcher f1factor(String name) {
        return F1FACTOR.matcher(name.toLowerCase(Locale.ROOT));
    }
}
