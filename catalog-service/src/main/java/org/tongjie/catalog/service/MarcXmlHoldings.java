package org.tongjie.catalog.service;

import org.marc4j.MarcException;
import org.marc4j.MarcXmlReader;
import org.marc4j.marc.ControlField;
import org.marc4j.marc.DataField;
import org.marc4j.marc.Record;
import org.marc4j.marc.Subfield;
import org.marc4j.marc.VariableField;
import org.tongjie.catalog.rest.dto.RecordRequest;
import org.tongjie.catalog.rest.dto.SyncRequest;
import org.tongjie.platform.problem.ProblemException;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a MARCXML collection (marc4j) into sync entries. MARC21 and CNMARC/UNIMARC are told apart by their
 * title field (245 or 200) and mapped field by field; holdings come from 952 (Koha style), 852 or 905
 * (CNMARC practice), and a holding without a location goes to the default service point if one is given.
 */
public final class MarcXmlHoldings {

    private static final Pattern YEAR = Pattern.compile("(1[0-9]{3}|20[0-9]{2})");
    private static final Pattern DOCTYPE = Pattern.compile("<!DOCTYPE", Pattern.CASE_INSENSITIVE);

    private MarcXmlHoldings() {
    }

    /** The entries of a MARCXML document, refusing malformed XML, DOCTYPEs and more than {@code max} records. */
    public static List<SyncRequest.Entry> read(byte[] xml, String defaultServicePoint, int max) {
        // No DOCTYPE, so no external entities and no entity expansion can reach the parser.
        if (DOCTYPE.matcher(new String(xml, 0, Math.min(xml.length, 4096), StandardCharsets.UTF_8)).find()) {
            throw malformed("MARCXML must not declare a DOCTYPE");
        }
        List<SyncRequest.Entry> entries = new ArrayList<>();
        try {
            MarcXmlReader reader = new MarcXmlReader(new ByteArrayInputStream(xml));
            while (reader.hasNext()) {
                if (entries.size() == max) {
                    throw ProblemException.invalidField("VALIDATION_FAILED", "entries",
                            "A batch holds at most " + max + " records");
                }
                entries.add(entry(reader.next(), defaultServicePoint));
            }
        } catch (MarcException | IllegalArgumentException e) {
            throw malformed("Not readable as MARCXML: " + rootMessage(e));
        }
        if (entries.isEmpty()) {
            throw ProblemException.invalidField("VALIDATION_FAILED", "entries", "The document holds no records");
        }
        return entries;
    }

    private static SyncRequest.Entry entry(Record record, String defaultServicePoint) {
        boolean unimarc = record.getVariableField("245") == null && record.getVariableField("200") != null;
        RecordRequest description = unimarc ? unimarc(record) : marc21(record);
        List<SyncRequest.Copy> copies = new ArrayList<>();
        for (VariableField field : record.getVariableFields(new String[] {"952", "852", "905"})) {
            holding((DataField) field, defaultServicePoint).ifPresent(copies::add);
        }
        return new SyncRequest.Entry(trimmed(record.getControlNumber()), description, copies);
    }

    private static RecordRequest marc21(Record r) {
        String language = control(r, "008").filter(f -> f.length() >= 38).map(f -> f.substring(35, 38).trim())
                .filter(l -> l.matches("[a-z]{3}")).orElse(first(r, "041", 'a'));
        List<String> subjects = all(r, 'a', "650", "600", "651");
        String clc = first(r, "084", 'a');
        return new RecordRequest(isbn(first(r, "020", 'a')), clean(first(r, "245", 'a')), clean(first(r, "245", 'b')),
                authors(all(r, 'a', "100", "110", "700", "710")),
                clean(Optional.ofNullable(first(r, "264", 'b')).orElse(first(r, "260", 'b'))),
                year(Optional.ofNullable(first(r, "264", 'c')).orElse(first(r, "260", 'c'))), language, clc,
                subjects.isEmpty() ? null : subjects,
                clean(Optional.ofNullable(first(r, "490", 'a')).orElse(first(r, "830", 'a'))));
    }

    private static RecordRequest unimarc(Record r) {
        List<String> subjects = all(r, 'a', "606", "600", "607");
        String language = first(r, "101", 'a');
        return new RecordRequest(isbn(first(r, "010", 'a')), clean(first(r, "200", 'a')), clean(first(r, "200", 'e')),
                authors(all(r, 'a', "701", "702", "711", "700")),
                clean(Optional.ofNullable(first(r, "210", 'c')).orElse(first(r, "214", 'c'))),
                year(Optional.ofNullable(first(r, "210", 'd')).orElse(first(r, "214", 'd'))),
                language == null ? null : language.toLowerCase(Locale.ROOT), first(r, "690", 'a'),
                subjects.isEmpty() ? null : subjects, clean(first(r, "225", 'a')));
    }

    /** 952 $p barcode $a branch $o call number $y type; 852 $p $b $h; 905 $b barcode $c location $d/$e number. */
    private static Optional<SyncRequest.Copy> holding(DataField field, String defaultServicePoint) {
        String barcode;
        String location;
        String callNumber;
        String loanType = null;
        switch (field.getTag()) {
            case "952" -> {
                barcode = sub(field, 'p');
                location = sub(field, 'a');
                callNumber = sub(field, 'o');
                loanType = sub(field, 'y');
            }
            case "852" -> {
                barcode = sub(field, 'p');
                location = sub(field, 'b');
                callNumber = sub(field, 'h');
            }
            default -> {
                barcode = sub(field, 'b');
                location = sub(field, 'c');
                String number = sub(field, 'd');
                String book = sub(field, 'e');
                callNumber = number == null ? null : book == null ? number : number + "/" + book;
            }
        }
        if (barcode == null) {
            return Optional.empty();
        }
        String type = loanType == null ? null : loanType.toUpperCase(Locale.ROOT).replaceAll("[^A-Z_]", "_");
        return Optional.of(new SyncRequest.Copy(barcode.trim(), location != null ? location.trim()
                : defaultServicePoint, callNumber, type != null && type.matches("[A-Z][A-Z_]{1,23}") ? type : null,
                null));
    }

    private static Optional<String> control(Record r, String tag) {
        VariableField field = r.getVariableField(tag);
        return field instanceof ControlField control ? Optional.ofNullable(control.getData()) : Optional.empty();
    }

    private static String first(Record r, String tag, char code) {
        for (VariableField field : r.getVariableFields(tag)) {
            String value = sub((DataField) field, code);
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    private static List<String> all(Record r, char code, String... tags) {
        Set<String> values = new LinkedHashSet<>();
        for (VariableField field : r.getVariableFields(tags)) {
            String value = clean(sub((DataField) field, code));
            if (value != null) {
                values.add(value);
            }
        }
        return List.copyOf(values);
    }

    private static String sub(DataField field, char code) {
        Subfield subfield = field.getSubfield(code);
        return subfield == null ? null : trimmed(subfield.getData());
    }

    private static List<String> authors(List<String> names) {
        return names.isEmpty() ? null : names.stream().limit(20).toList();
    }

    /** "9787020002207 (pbk.) :" becomes "9787020002207"; validation happens in the sync. */
    private static String isbn(String raw) {
        if (raw == null) {
            return null;
        }
        String first = raw.trim().split("[\\s(:;]", 2)[0];
        return first.isEmpty() ? null : first;
    }

    private static Integer year(String raw) {
        if (raw == null) {
            return null;
        }
        Matcher matcher = YEAR.matcher(raw);
        return matcher.find() ? Integer.valueOf(matcher.group(1)) : null;
    }

    /** Strips ISBD punctuation at the end of a subfield ("红楼梦 /" → "红楼梦"). */
    private static String clean(String value) {
        if (value == null) {
            return null;
        }
        String cleaned = value.replaceAll("[\\s/:;,.=]+$", "").trim();
        return cleaned.isEmpty() ? null : cleaned;
    }

    private static String trimmed(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static ProblemException malformed(String detail) {
        return new ProblemException(400, "MALFORMED_MARCXML", "Malformed MARCXML", detail, List.of());
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
