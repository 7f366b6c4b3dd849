package io.webfon.rtp.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A session description (RFC 8866 §5): the session-level lines, then the media sections in order. Immutable; change
 * it with the {@code with...} copies or {@link #toBuilder()}.
 *
 * <p>Typed accessors read the raw attribute lists, which stay the truth. Where an attribute may sit at session or
 * media level (direction, ICE credentials, fingerprints, setup), the {@code ...Of(media)} accessors give the
 * effective value: media level wins, then, for the transport attributes of a BUNDLE group, the BUNDLE-tagged section
 * (RFC 8843 lets the others omit them), then session level.
 *
 * @param version the {@code v=} value, 0
 * @param origin the {@code o=} line
 * @param sessionName the {@code s=} line ({@code -} when there is none to give)
 * @param information the {@code i=} line, or null
 * @param uri the {@code u=} line, or null
 * @param emails the {@code e=} lines
 * @param phones the {@code p=} lines
 * @param connection the session-level {@code c=} line, or null
 * @param bandwidths the session-level {@code b=} lines
 * @param timings the {@code t=} lines, each with its {@code r=} lines; at least one
 * @param timeZones the {@code z=} line, or null
 * @param encryptionKey the obsolete {@code k=} line, or null
 * @param attributes the session-level {@code a=} lines in order
 * @param media the media sections in order
 */
public record SessionDescription(int version, Origin origin, String sessionName, String information, String uri,
        List<String> emails, List<String> phones, Connection connection, List<Bandwidth> bandwidths,
        List<Timing> timings, String timeZones, String encryptionKey, List<Attribute> attributes,
        List<MediaDescription> media) {

    public SessionDescription {
        if (version != 0) {
            throw new IllegalArgumentException("v= must be 0");
        }
        Objects.requireNonNull(origin, "origin");
        Checks.text(sessionName, "s= line");
        if (sessionName.isEmpty()) {
            throw new IllegalArgumentException("s= must not be empty (use '-')");
        }
        Checks.optionalText(information, "i= line");
        Checks.optionalText(uri, "u= line");
        emails = Checks.list(emails, "e= lines");
        emails.forEach(e -> Checks.text(e, "e= line"));
        phones = Checks.list(phones, "p= lines");
        phones.forEach(p -> Checks.text(p, "p= line"));
        bandwidths = Checks.list(bandwidths, "bandwidths");
        timings = Checks.list(timings, "timings");
        if (timings.isEmpty()) {
            throw new IllegalArgumentException("at least one t= line is needed");
        }
        Checks.optionalText(timeZones, "z= line");
        Checks.optionalText(encryptionKey, "k= line");
        attributes = Checks.list(attributes, "attributes");
        media = Checks.list(media, "media");
    }

    /** A builder with {@code s=-}, {@code t=0 0} and no attributes or media. */
    public static Builder builder(Origin origin) {
        return new Builder(origin);
    }

    public Builder toBuilder() {
        Builder b = new Builder(origin);
        b.sessionName = sessionName;
        b.information = information;
        b.uri = uri;
        b.emails.addAll(emails);
        b.phones.addAll(phones);
        b.connection = connection;
        b.bandwidths.addAll(bandwidths);
        b.timings.clear();
        b.timings.addAll(timings);
        b.timeZones = timeZones;
        b.encryptionKey = encryptionKey;
        b.attributes.addAll(attributes);
        b.media.addAll(media);
        return b;
    }

    // ---- raw attributes

    public List<Attribute> attributes(String name) {
        return AttributeLists.named(attributes, name);
    }

    public Optional<String> attributeValue(String name) {
        return AttributeLists.value(attributes, name);
    }

    public boolean hasAttribute(String name) {
        return AttributeLists.has(attributes, name);
    }

    // ---- session-level typed accessors

    public List<Group> groups() {
        return AttributeLists.typed(attributes, "group", Group.class, Group::parse);
    }

    /** The first {@code a=group:BUNDLE}, if any (this node supports one BUNDLE group, as Janus does). */
    public Optional<Group> bundleGroup() {
        return groups().stream().filter(Group::isBundle).findFirst();
    }

    /** The mids of the first BUNDLE group, empty when there is none. */
    public List<String> bundleMids() {
        return bundleGroup().map(Group::mids).orElse(List.of());
    }

    /** The session-level direction attribute, the default for every section without one. */
    public Optional<Direction> direction() {
        return AttributeLists.direction(attributes);
    }

    public Optional<String> iceUfrag() {
        return attributeValue("ice-ufrag");
    }

    public Optional<String> icePwd() {
        return attributeValue("ice-pwd");
    }

    public List<String> iceOptions() {
        List<String> out = new ArrayList<>();
        attributes("ice-options").forEach(a -> out.addAll(Tokens.split(a.value() == null ? "" : a.value())));
        return out;
    }

    /** {@code a=ice-lite} (RFC 8839). */
    public boolean iceLite() {
        return hasAttribute("ice-lite");
    }

    public List<Fingerprint> fingerprints() {
        return AttributeLists.typed(attributes, "fingerprint", Fingerprint.class, Fingerprint::parse);
    }

    public Optional<Setup> setup() {
        return AttributeLists.firstTyped(attributes, "setup", Setup.class, Setup::parse);
    }

    // ---- effective values for one media section

    /** The media section with this mid. */
    public Optional<MediaDescription> mediaByMid(String mid) {
        return media.stream().filter(m -> m.mid().filter(mid::equals).isPresent()).findFirst();
    }

    /** The BUNDLE-tagged section: the one whose mid comes first in the BUNDLE group (RFC 8843). */
    public Optional<MediaDescription> bundleTag() {
        List<String> mids = bundleMids();
        return mids.isEmpty() ? Optional.empty() : mediaByMid(mids.get(0));
    }

    /** True when the section's mid is in the BUNDLE group. */
    public boolean isBundled(MediaDescription m) {
        return m.mid().filter(bundleMids()::contains).isPresent();
    }

    /** The section's direction, else the session's, else sendrecv (RFC 8866 §6.7). */
    public Direction directionOf(MediaDescription m) {
        return m.direction().or(this::direction).orElse(Direction.SENDRECV);
    }

    public Optional<String> iceUfragOf(MediaDescription m) {
        return iceUfragOf(m, tagged(m).orElse(null));
    }

    public Optional<String> icePwdOf(MediaDescription m) {
        return icePwdOf(m, tagged(m).orElse(null));
    }

    /** The media-level fingerprints when there are any, else the BUNDLE tag's, else the session's. */
    public List<Fingerprint> fingerprintsOf(MediaDescription m) {
        return fingerprintsOf(m, tagged(m).orElse(null));
    }

    public Optional<Setup> setupOf(MediaDescription m) {
        return m.setup().or(() -> tagged(m).flatMap(MediaDescription::setup)).or(this::setup);
    }

    // The forms below take the section's BUNDLE tag (null when it is not bundled), so that a caller going over
    // every section finds the tag once instead of once per section.

    Optional<String> iceUfragOf(MediaDescription m, MediaDescription tag) {
        return m.iceUfrag().or(() -> tag == null ? Optional.empty() : tag.iceUfrag()).or(this::iceUfrag);
    }

    Optional<String> icePwdOf(MediaDescription m, MediaDescription tag) {
        return m.icePwd().or(() -> tag == null ? Optional.empty() : tag.icePwd()).or(this::icePwd);
    }

    List<Fingerprint> fingerprintsOf(MediaDescription m, MediaDescription tag) {
        List<Fingerprint> own = m.fingerprints();
        if (!own.isEmpty()) {
            return own;
        }
        List<Fingerprint> tagged = tag == null ? List.of() : tag.fingerprints();
        return tagged.isEmpty() ? fingerprints() : tagged;
    }

    private Optional<MediaDescription> tagged(MediaDescription m) {
        return isBundled(m) ? bundleTag() : Optional.empty();
    }

    // ---- copies

    public SessionDescription withOrigin(Origin newOrigin) {
        return toBuilder().origin(newOrigin).build();
    }

    public SessionDescription withConnection(Connection newConnection) {
        return toBuilder().connection(newConnection).build();
    }

    public SessionDescription withAttributes(List<Attribute> newAttributes) {
        return new SessionDescription(version, origin, sessionName, information, uri, emails, phones, connection,
                bandwidths, timings, timeZones, encryptionKey, newAttributes, media);
    }

    public SessionDescription withMedia(List<MediaDescription> newMedia) {
        return new SessionDescription(version, origin, sessionName, information, uri, emails, phones, connection,
                bandwidths, timings, timeZones, encryptionKey, attributes, newMedia);
    }

    /** A copy with media section {@code index} replaced. */
    public SessionDescription withMedia(int index, MediaDescription section) {
        List<MediaDescription> copy = new ArrayList<>(media);
        copy.set(index, section);
        return withMedia(copy);
    }

    public SessionDescription plusAttribute(Attribute attribute) {
        return withAttributes(AttributeLists.plus(attributes, attribute));
    }

    public SessionDescription withoutAttributes(Set<String> names) {
        return withAttributes(AttributeLists.without(attributes, MediaDescription.lower(names)));
    }

    /** Builds a {@link SessionDescription}; {@link #build()} checks the result. */
    public static final class Builder {
        private Origin origin;
        private String sessionName = "-";
        private String information;
        private String uri;
        private final List<String> emails = new ArrayList<>();
        private final List<String> phones = new ArrayList<>();
        private Connection connection;
        private final List<Bandwidth> bandwidths = new ArrayList<>();
        private final List<Timing> timings = new ArrayList<>(List.of(Timing.UNBOUNDED));
        private String timeZones;
        private String encryptionKey;
        private final List<Attribute> attributes = new ArrayList<>();
        private final List<MediaDescription> media = new ArrayList<>();

        private Builder(Origin origin) {
            this.origin = origin;
        }

        public Builder origin(Origin value) {
            this.origin = value;
            return this;
        }

        public Builder sessionName(String value) {
            this.sessionName = value;
            return this;
        }

        public Builder information(String value) {
            this.information = value;
            return this;
        }

        public Builder uri(String value) {
            this.uri = value;
            return this;
        }

        public Builder email(String value) {
            emails.add(value);
            return this;
        }

        public Builder phone(String value) {
            phones.add(value);
            return this;
        }

        public Builder connection(Connection value) {
            this.connection = value;
            return this;
        }

        public Builder bandwidth(Bandwidth value) {
            bandwidths.add(value);
            return this;
        }

        /** Replaces the default {@code t=0 0} by these timings. */
        public Builder timings(List<Timing> values) {
            timings.clear();
            timings.addAll(values);
            return this;
        }

        public Builder timeZones(String value) {
            this.timeZones = value;
            return this;
        }

        public Builder encryptionKey(String value) {
            this.encryptionKey = value;
            return this;
        }

        public Builder attribute(Attribute value) {
            attributes.add(value);
            return this;
        }

        public Builder attributes(List<Attribute> values) {
            attributes.addAll(values);
            return this;
        }

        public Builder media(MediaDescription value) {
            media.add(value);
            return this;
        }

        public Builder media(List<MediaDescription> values) {
            media.addAll(values);
            return this;
        }

        public SessionDescription build() {
            return new SessionDescription(0, origin, sessionName, information, uri, emails, phones, connection,
                    bandwidths, timings, timeZones, encryptionKey, attributes, media);
        }
    }
}
