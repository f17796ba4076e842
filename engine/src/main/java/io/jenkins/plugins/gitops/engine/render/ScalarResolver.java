package io.jenkins.plugins.gitops.engine.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Gives a YAML scalar the JSON value Kubernetes gives it.
 *
 * <p>kubectl, Helm and the API server turn YAML into JSON with sigs.k8s.io/yaml, which reads YAML 1.1
 * through go-yaml v2. This class follows go-yaml v2's rules (its {@code resolve.go}), not SnakeYAML's,
 * so that a manifest means here exactly what it means to {@code kubectl apply}:
 * <ul>
 *   <li>unquoted {@code y, yes, on, true} (and {@code n, no, off, false}, in three casings) are booleans;
 *   <li>{@code 0777} is octal 511, {@code 0x1F} is 31, {@code 0b101} is 5 and {@code 1_000} is 1000;
 *   <li>{@code ~}, {@code null} and nothing are null; a date such as {@code 2024-01-31} stays a string;
 *   <li>a number that JSON prints without a fraction ({@code 3.0}, {@code 1e3}) becomes an integer, as
 *       Go's JSON encoder and Kubernetes' unstructured decoder make it.
 * </ul>
 * Quoted scalars are always strings.
 */
final class ScalarResolver {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    /** YAML null, distinct from "no value" while resolving. */
    static final Object NULL = new Object() {
        @Override
        public String toString() {
            return "null";
        }
    };

    private static final Map<String, Object> WORDS = new HashMap<>();

    static {
        for (String word : new String[] {"y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON"}) {
            WORDS.put(word, Boolean.TRUE);
        }
        for (String word : new String[] {"n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF"}) {
            WORDS.put(word, Boolean.FALSE);
        }
        for (String word : new String[] {"~", "null", "Null", "NULL"}) {
            WORDS.put(word, NULL);
        }
        for (String word : new String[] {".nan", ".NaN", ".NAN"}) {
            WORDS.put(word, Double.NaN);
        }
        for (String word : new String[] {".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF"}) {
            WORDS.put(word, Double.POSITIVE_INFINITY);
        }
        for (String word : new String[] {"-.inf", "-.Inf", "-.INF"}) {
            WORDS.put(word, Double.NEGATIVE_INFINITY);
        }
    }

    /** go-yaml v2's {@code yamlStyleFloat}. */
    private static final Pattern FLOAT = Pattern.compile("^[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?$");
    /** What Go's ParseFloat accepts of a scalar that starts with a dot. */
    private static final Pattern DOT_FLOAT = Pattern.compile("^\\.[0-9]+([eE][-+]?[0-9]+)?$");
    /** The timestamp forms go-yaml v2 recognises; they only matter for an explicit !!timestamp. */
    private static final Pattern TIMESTAMP = Pattern.compile(
            "^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}([Tt][0-9]{1,2}:[0-9]{1,2}:[0-9]{1,2}(\\.[0-9]+)?(Z|[-+][0-9]{2}:[0-9]{2})"
                    + "|[ ][0-9]{1,2}:[0-9]{1,2}:[0-9]{1,2}(\\.[0-9]+)?)?$");

    private static final BigInteger INT64_LIMIT = BigInteger.ONE.shiftLeft(63);

    private ScalarResolver() {
    }

    /**
     * The value of an untagged, unquoted scalar: a String, Boolean, Long, BigInteger, Double or {@link #NULL}.
     */
    static Object resolvePlain(String text) {
        if (text.isEmpty()) {
            return NULL;
        }
        char hint = hint(text.charAt(0));
        if (hint == 0) {
            return text;
        }
        Object word = WORDS.get(text);
        if (word != null) {
            return word;
        }
        if (hint == '.') {
            return DOT_FLOAT.matcher(text).matches() ? finiteOr(Double.parseDouble(text), text) : text;
        }
        if (hint == 'D' || hint == 'S') {
            String digits = text.replace("_", "");
            Object integer = parseInteger(digits);
            if (integer != null) {
                return integer;
            }
            if (FLOAT.matcher(digits).matches()) {
                return finiteOr(Double.parseDouble(digits), text);
            }
        }
        return text;
    }

    /**
     * The value of a scalar with an explicit standard tag ({@code !!str 123}, {@code !!int "7"}).
     *
     * @throws IllegalArgumentException with a user-facing reason when the text does not fit the tag,
     *     or the tag is not one Kubernetes manifests can use
     */
    static Object resolveTagged(Tag tag, String text) {
        if (tag.equals(Tag.STR)) {
            return text;
        }
        if (tag.equals(Tag.BINARY)) {
            try {
                return new String(Base64.getMimeDecoder().decode(text), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("!!binary value is not valid base64", e);
            }
        }
        if (tag.equals(Tag.TIMESTAMP)) {
            if (TIMESTAMP.matcher(text).matches()) {
                return text; // go-yaml v2 keeps timestamps as strings
            }
            throw cannotDecode(resolvePlain(text), text, tag);
        }
        if (!(tag.equals(Tag.NULL) || tag.equals(Tag.BOOL) || tag.equals(Tag.INT) || tag.equals(Tag.FLOAT))) {
            throw new IllegalArgumentException("unsupported YAML tag " + shortTag(tag)
                    + " on a scalar; Kubernetes manifests use plain YAML: remove the tag");
        }
        Object value = resolvePlain(text);
        String wanted = shortTag(tag);
        String found = typeOf(value);
        if (found.equals(wanted)) {
            return value;
        }
        if (wanted.equals("!!float") && found.equals("!!int")) {
            return ((Number) value).doubleValue();
        }
        throw cannotDecode(value, text, tag);
    }

    /**
     * The JSON value of a resolved scalar.
     *
     * @throws IllegalArgumentException for NaN and infinities, which JSON cannot hold
     */
    static JsonNode toJson(Object value) {
        if (value == NULL) {
            return JSON.nullNode();
        }
        if (value instanceof String text) {
            return JSON.textNode(text);
        }
        if (value instanceof Boolean bool) {
            return JSON.booleanNode(bool);
        }
        if (value instanceof Long number) {
            return integer(number);
        }
        if (value instanceof BigInteger number) {
            return JSON.numberNode(number);
        }
        return number((Double) value);
    }

    /**
     * A number as Kubernetes receives it from kubectl: Go's JSON encoder prints an integral float without
     * a fraction ({@code 3}), and the unstructured decoder then reads it as an integer.
     *
     * @throws IllegalArgumentException for NaN and infinities
     */
    static JsonNode number(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("the value " + goYamlText(value)
                    + " is not a number JSON can hold; quote it if it is meant as text");
        }
        if (value == Math.rint(value) && Math.abs(value) < 0x1p63) {
            return integer((long) value);
        }
        return JSON.numberNode(value);
    }

    /** The JSON object key for a resolved scalar key, as sigs.k8s.io/yaml makes it ({@code on:} is "true"). */
    static String keyOf(Object value) {
        if (value == NULL) {
            throw new IllegalArgumentException("a mapping key is null or empty; JSON keys must be text: "
                    + "name the key or quote it");
        }
        if (value instanceof Double number) {
            return goFloat32Key(number);
        }
        return value.toString();
    }

    /** A tag as YAML writes it: {@code !!int} for the standard ones. */
    static String shortTag(Tag tag) {
        String value = tag.getValue();
        return value.startsWith(Tag.PREFIX) ? "!!" + value.substring(Tag.PREFIX.length()) : value;
    }

    private static JsonNode integer(long value) {
        return value == (int) value ? JSON.numberNode((int) value) : JSON.numberNode(value);
    }

    /** go-yaml v2's resolve table: what the first character says the scalar may be. */
    private static char hint(char first) {
        if (first == '+' || first == '-') {
            return 'S';
        }
        if (first >= '0' && first <= '9') {
            return 'D';
        }
        if ("yYnNtTfFoO~".indexOf(first) >= 0) {
            return 'M';
        }
        return first == '.' ? '.' : 0;
    }

    /**
     * Go's {@code ParseInt(s, 0, 64)}, then {@code ParseUint(s, 0, 64)}: an optional sign, then
     * {@code 0b}, {@code 0o}, {@code 0x} or a leading {@code 0} (octal) or decimal digits.
     *
     * @return a Long, a BigInteger above the int64 range (unsigned only), or null if not an integer
     */
    private static Object parseInteger(String text) {
        boolean signed = text.startsWith("+") || text.startsWith("-");
        boolean negative = text.startsWith("-");
        BigInteger magnitude = parseUnsigned(signed ? text.substring(1) : text);
        if (magnitude == null) {
            return null;
        }
        BigInteger value = negative ? magnitude.negate() : magnitude;
        if (value.compareTo(INT64_LIMIT) < 0 && value.compareTo(INT64_LIMIT.negate()) >= 0) {
            return value.longValue();
        }
        if (!signed && magnitude.bitLength() <= 64) {
            return magnitude;
        }
        return null;
    }

    private static BigInteger parseUnsigned(String text) {
        if (text.isEmpty()) {
            return null;
        }
        int radix = 10;
        String digits = text;
        if (text.charAt(0) == '0') {
            char prefix = text.length() >= 3 ? Character.toLowerCase(text.charAt(1)) : ' ';
            radix = prefix == 'b' ? 2 : prefix == 'o' ? 8 : prefix == 'x' ? 16 : 8;
            digits = prefix == 'b' || prefix == 'o' || prefix == 'x' ? text.substring(2) : text.substring(1);
            if (digits.isEmpty()) {
                return BigInteger.ZERO; // "0"
            }
        }
        for (int i = 0; i < digits.length(); i++) {
            if (Character.digit(digits.charAt(i), radix) < 0 || digits.charAt(i) > 'z') {
                return null;
            }
        }
        return new BigInteger(digits, radix);
    }

    /** Go's ParseFloat fails on overflow; go-yaml v2 then keeps the text. */
    private static Object finiteOr(double value, String text) {
        return Double.isInfinite(value) ? text : value;
    }

    private static String typeOf(Object value) {
        if (value == NULL) {
            return "!!null";
        }
        if (value instanceof Boolean) {
            return "!!bool";
        }
        if (value instanceof Long || value instanceof BigInteger) {
            return "!!int";
        }
        return value instanceof Double ? "!!float" : "!!str";
    }

    /**
     * The value itself is never quoted: it may be a secret (a Secret's data tagged {@code !!binary}), and the
     * message goes to build logs; the file and line say where it is.
     */
    private static IllegalArgumentException cannotDecode(Object value, String text, Tag tag) {
        return new IllegalArgumentException("cannot decode a " + typeOf(value) + " value of " + text.length()
                + " characters as a " + shortTag(tag) + "; fix the value or remove the tag");
    }

    private static String goYamlText(double value) {
        return Double.isNaN(value) ? ".nan" : value > 0 ? ".inf" : "-.inf";
    }

    /** Go's {@code FormatFloat(key, 'g', -1, 32)}, which sigs.k8s.io/yaml uses for float keys. */
    private static String goFloat32Key(double value) {
        float number = (float) value;
        if (Float.isNaN(number) || Float.isInfinite(number)) {
            return goYamlText(number);
        }
        if (number == 0) {
            return 1 / number < 0 ? "-0" : "0";
        }
        BigDecimal decimal = new BigDecimal(Float.toString(number)).stripTrailingZeros();
        String digits = decimal.unscaledValue().abs().toString();
        int exponent = digits.length() - 1 - decimal.scale();
        String sign = decimal.signum() < 0 ? "-" : "";
        if (exponent < -4 || exponent >= 6) {
            String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
            int magnitude = Math.abs(exponent);
            return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + (magnitude < 10 ? "0" : "") + magnitude;
        }
        return decimal.toPlainString();
    }
}
