package org.tongjie.loan.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A mainland resident identity card number (GB 11643): 17 digits and an ISO 7064 MOD 11-2 check character.
 * It is kept only as a digest (to find duplicates) and a masked form; the full number is never stored.
 */
public final class ResidentId {

    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final char[] CHECK = {'1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'};

    private ResidentId() {
    }

    public static boolean isValid(String number) {
        if (number == null || !number.matches("\\d{17}[\\dXx]")) {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (number.charAt(i) - '0') * WEIGHTS[i];
        }
        return CHECK[sum % 11] == Character.toUpperCase(number.charAt(17));
    }

    /** The birth date a valid number carries (digits 7 to 14), if it is a real date. */
    public static java.util.Optional<java.time.LocalDate> birthDate(String number) {
        try {
            return java.util.Optional.of(java.time.LocalDate.parse(number.substring(6, 14),
                    java.time.format.DateTimeFormatter.BASIC_ISO_DATE));
        } catch (RuntimeException e) {
            return java.util.Optional.empty();
        }
    }

    /** {@code 320114199001011234} → {@code 3201**********1234}. */
    public static String mask(String number) {
        return number.substring(0, 4) + "*".repeat(10) + number.substring(14).toUpperCase();
    }

    public static String digest(String number) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest(("tongjie-resident-id:" + number.toUpperCase()).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
