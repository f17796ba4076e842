package io.jenkins.plugins.gitops.engine.view;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Percent-encoding of URL path segments. Everything but the characters RFC 3986 calls unreserved
 * ({@code A-Z a-z 0-9 - . _ ~}) is encoded as UTF-8 bytes, so that no character of a file name from Git
 * ({@code /}, {@code #}, {@code ?}, a quote, {@code <}, a line break, a letter outside ASCII) can end a
 * segment, start a query or fragment, or break out of the HTML attribute the link is printed in.
 */
final class UrlSegments {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private UrlSegments() {
    }

    static String encode(String segment) {
        StringBuilder encoded = new StringBuilder(segment.length() + 8);
        for (byte b : segment.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if (isUnreserved(c)) {
                encoded.append((char) c);
            } else {
                encoded.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
        }
        return encoded.toString();
    }

    /**
     * {@code segment} with its {@code %XX} escapes decoded as UTF-8 ({@code +} stays a plus: this is a path, not a
     * form); empty when an escape is incomplete or the bytes are not UTF-8.
     */
    static Optional<String> decode(String segment) {
        if (segment.indexOf('%') < 0) {
            return Optional.of(segment);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(segment.length());
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c == '%') {
                if (i + 2 >= segment.length()) {
                    return Optional.empty();
                }
                int high = Character.digit(segment.charAt(i + 1), 16);
                int low = Character.digit(segment.charAt(i + 2), 16);
                if (high < 0 || low < 0) {
                    return Optional.empty();
                }
                bytes.write(high << 4 | low);
                i += 2;
            } else {
                int end = segment.indexOf('%', i);
                end = end < 0 ? segment.length() : end;
                byte[] raw = segment.substring(i, end).getBytes(StandardCharsets.UTF_8);
                bytes.write(raw, 0, raw.length);
                i = end - 1;
            }
        }
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray()))
                    .toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    /** Whether {@code text} holds a control character (a line break, a tab, NUL, DEL, C1). */
    static boolean hasControlCharacter(String text) {
        return text.codePoints().anyMatch(Character::isISOControl);
    }

    private static boolean isUnreserved(int c) {
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9'
                || c == '-' || c == '.' || c == '_' || c == '~';
    }
}
