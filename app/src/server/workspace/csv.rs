//! An enterprise's catalogue as CSV, for import and export.
//!
//! Pure: no database, no HTTP. [`parse`] accepts a line only when it passes
//! [`ProductInput::validate`], the very rules of the product form, so a product
//! is valid or not whichever way it arrived. Whether a category or a slug
//! exists is the service's check. [`write`] is the inverse: `parse(&write(rows))`
//! gives back the same slugs, products (tags in the same order) and statuses.
//!
//! # Format
//!
//! - **Encoding**: UTF-8, Cyrillic as is. A leading byte-order mark (Excel
//!   writes one) is accepted and ignored. Lines end in LF or CRLF. A field
//!   that holds the delimiter, a double quote or a line break is quoted as in
//!   RFC 4180: `"Чорапи ""Зима"", вълна"`.
//! - **Delimiter**: comma or semicolon (Excel and LibreOffice in a Bulgarian
//!   locale save with semicolons), whichever occurs more often in the header.
//! - **Header**: the first line, required (blank lines before it are
//!   skipped). Exactly these columns, in any order; names are trimmed and
//!   case-insensitive:
//!   `slug,title,description,category,price,unit,availability,stock,min_order,tags,status`,
//!   and optionally `title_en,description_en` (files written before these
//!   existed still import; an export always has them).
//! - **One product per line**, the same rules as the product form:
//!
//! | column | content |
//! |---|---|
//! | `slug` | empty for a new product; otherwise the slug of the enterprise's product that the line updates |
//! | `title` | the product's name |
//! | `description` | free text; may span several lines inside quotes |
//! | `category` | a category's slug, e.g. `textiles` |
//! | `price` | euro, as `12,50` or `12.50` |
//! | `unit` | `piece`, `kg`, `litre`, `hour` or `set` |
//! | `availability` | `in_stock`, `made_to_order` or `out_of_stock` |
//! | `stock` | a whole number, required for `in_stock`; ignored otherwise (`out_of_stock` is 0) |
//! | `min_order` | a whole number; empty means 1 |
//! | `tags` | separated by `\|`, e.g. `вълна\|ръчна изработка`; a tag may not contain `,` or `;` |
//! | `status` | `draft` or `published`; empty means `draft` |
//! | `title_en` | optional: the name in English, for English pages and searches |
//! | `description_en` | optional: the description in English |
//!
//! - **Blank lines** are skipped: empty ones, and ones holding nothing but
//!   spaces and delimiters (a spreadsheet writes `;;;;;;;;;;` for an empty row).
//! - **At most 10 000 data lines** ([`MAX_LINES`]).
//! - **Formulas**: an exported field that starts with `=`, `+`, `-` or `@` gets
//!   a leading apostrophe (`'=…`), so that a spreadsheet shows it as text
//!   instead of running it as a formula; on import one apostrophe in front of
//!   those characters is removed again.
//!
//! # Errors
//!
//! All or nothing: a file is accepted only when every line is good. Otherwise
//! every error of every bad line is reported, sorted by line, as a line
//! number, a field and a message code. Line numbers are the ones a spreadsheet
//! shows: the header is line 1, the first data line 2, skipped blank lines
//! count, and a line whose quoted field spans several lines is reported at the
//! line where it starts.
//!
//! | code | line | field | when |
//! |---|---|---|---|
//! | `not_utf8` | of the first bad byte | `file` | the file is not UTF-8 (e.g. saved as Windows-1251) |
//! | `empty` | 1 | `file` | the file has no header |
//! | `unknown_column` | 1 | the column as written | a column not in the list above |
//! | `missing_column` | 1 | the column | a column of the list is missing |
//! | `duplicate_column` | 1 | the column | a column appears twice |
//! | `too_many_lines` | the first line over the limit | `file` | more than 10 000 data lines |
//! | `field_count` | the line | `line` | the line has more or fewer fields than the header |
//! | `tag_invalid` | the line | `tags` | a tag holds `,` or `;`, or breaks a tag rule of the form |
//! | `not_allowed` | the line | `status` | a status other than `draft` or `published` |
//! | `duplicate_slug` | the later line | `slug` | an earlier line has the same slug |
//! | any code of the product form | the line | the column | e.g. `price` / `not_a_number` |
//!
//! When the header or the file as a whole is refused, only those errors are
//! reported: the lines cannot be read without their columns, and a file over
//! the limit is not read further.

use std::borrow::Cow;
use std::collections::HashSet;

use crate::error::Problem;
use crate::forms::{ProductInput, ValidProduct, price_plain};

pub const COLUMNS: [&str; 13] = [
    "slug",
    "title",
    "description",
    "category",
    "price",
    "unit",
    "availability",
    "stock",
    "min_order",
    "tags",
    "status",
    "title_en",
    "description_en",
];

/// The first this many of [`COLUMNS`] must be in a file; the rest may be left out.
const REQUIRED_COLUMNS: usize = 11;

/// Data lines one file may hold; bounds the work and the error list of one upload.
pub const MAX_LINES: usize = 10_000;

const BOM: &str = "\u{feff}";
const TAG_SEPARATOR: &str = "|";
/// What a spreadsheet takes for the start of a formula (OWASP, "CSV injection").
const FORMULA_START: [char; 4] = ['=', '+', '-', '@'];

/// One refusal in a file: the line a spreadsheet shows, the column (or
/// `file` / `line`) and the message code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineError {
    pub line: usize,
    pub field: String,
    pub code: Problem,
}

impl LineError {
    fn new(line: usize, field: &str, code: Problem) -> Self {
        Self {
            line,
            field: field.into(),
            code,
        }
    }
}

/// A good line of an imported file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CsvProduct {
    pub line: usize,
    /// The product to update; `None` for a new one.
    pub slug: Option<String>,
    pub product: ValidProduct,
    pub published: bool,
    /// Whether the file had the English columns: a file without them (as
    /// written before they existed) leaves a product's English text alone.
    pub english: bool,
}

/// A product to export.
#[derive(Debug, Clone)]
pub struct ExportRow {
    pub slug: String,
    pub product: ValidProduct,
    pub published: bool,
}

/// Reads a catalogue file (the format is in the module's documentation).
///
/// # Errors
/// All-or-nothing: `Ok` only when every line is good; otherwise every bad
/// line's every error, sorted by line.
pub fn parse(bytes: &[u8]) -> Result<Vec<CsvProduct>, Vec<LineError>> {
    let text = decode(bytes)?;
    let mut records = Records::new(text);
    let Some((header_line, header)) = records.next() else {
        return Err(vec![LineError::new(1, "file", Problem::Empty)]);
    };
    let columns = read_header(header_line, &header)?;
    let english = columns[REQUIRED_COLUMNS..].iter().any(Option::is_some);

    // Counted before any line is checked, so an oversized file costs no
    // validation and yields one error, not thousands.
    let mut lines = Vec::new();
    for (line, record) in records {
        if lines.len() == MAX_LINES {
            return Err(vec![LineError::new(line, "file", Problem::TooManyLines)]);
        }
        lines.push((line, record));
    }

    let mut products = Vec::with_capacity(lines.len());
    let mut errors = Vec::new();
    let mut slugs = HashSet::new();
    for (line, record) in &lines {
        if record.len() != header.len() {
            errors.push(LineError::new(*line, "line", Problem::FieldCount));
            continue;
        }
        let cells =
            columns.map(|i| i.map_or("", |i| unescape_formula(record.get(i).unwrap_or_default())));
        match read_line(*line, cells, &mut slugs, english) {
            Ok(product) => products.push(product),
            Err(mut line_errors) => errors.append(&mut line_errors),
        }
    }
    if errors.is_empty() {
        Ok(products)
    } else {
        errors.sort_by_key(|e| e.line);
        Err(errors)
    }
}

/// Writes a catalogue file that [`parse`] reads back: comma-delimited, UTF-8
/// with a byte-order mark (without it Excel reads Cyrillic as Windows-1251),
/// CRLF line ends, header first.
pub fn write(rows: &[ExportRow]) -> Vec<u8> {
    let mut out = BOM.as_bytes().to_vec();
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(&mut out);
    // Writing to memory has no I/O to fail, and every record has the same
    // number of fields, so the writer has nothing to refuse.
    const INFALLIBLE: &str = "writing CSV to memory cannot fail";
    writer.write_record(COLUMNS).expect(INFALLIBLE);
    for row in rows {
        let p = &row.product;
        let cells: [Cow<str>; 13] = [
            row.slug.as_str().into(),
            p.title.as_str().into(),
            p.description.as_str().into(),
            p.category.as_str().into(),
            price_plain(p.price_cents).into(),
            p.unit.code().into(),
            p.availability.code().into(),
            p.stock.map(|s| s.to_string()).unwrap_or_default().into(),
            p.min_order.to_string().into(),
            p.tags.join(TAG_SEPARATOR).into(),
            if row.published { "published" } else { "draft" }.into(),
            p.title_en.as_deref().unwrap_or_default().into(),
            p.description_en.as_deref().unwrap_or_default().into(),
        ];
        writer
            .write_record(cells.iter().map(|c| escape_formula(c).into_owned()))
            .expect(INFALLIBLE);
    }
    writer.flush().expect(INFALLIBLE);
    drop(writer);
    out
}

/// An empty catalogue file to fill in: the header the import reads, with
/// the byte-order mark that makes Excel read it as UTF-8.
pub fn template() -> Vec<u8> {
    write(&[])
}

/// The text without its byte-order mark, or where it stops being UTF-8.
fn decode(bytes: &[u8]) -> Result<&str, Vec<LineError>> {
    let bytes = bytes.strip_prefix(BOM.as_bytes()).unwrap_or(bytes);
    std::str::from_utf8(bytes).map_err(|e| {
        let line = 1 + bytes[..e.valid_up_to()]
            .iter()
            .filter(|&&b| b == b'\n')
            .count();
        vec![LineError::new(line, "file", Problem::NotUtf8)]
    })
}

/// Semicolons win only when they outnumber commas: no column name holds
/// either, so the header has one kind between its names.
fn detect_delimiter(text: &str) -> u8 {
    let header = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    if header.matches(';').count() > header.matches(',').count() {
        b';'
    } else {
        b','
    }
}

/// The non-blank records of a file, each with the line a spreadsheet shows.
struct Records<'a> {
    text: &'a [u8],
    reader: csv::Reader<&'a [u8]>,
    /// Line number at byte `counted_to`, so each record's line costs only the
    /// bytes since the previous one.
    line: usize,
    counted_to: usize,
}

impl<'a> Records<'a> {
    fn new(text: &'a str) -> Self {
        let reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(detect_delimiter(text))
            .from_reader(text.as_bytes());
        Self {
            text: text.as_bytes(),
            reader,
            line: 1,
            counted_to: 0,
        }
    }

    /// The csv crate dates a record from where it began reading, before the
    /// empty lines it skips (its own line count is off after them); so start
    /// at the first byte that is no line end and count line feeds up to it.
    fn line_at(&mut self, offset: usize) -> usize {
        let start = offset
            + self.text[offset..]
                .iter()
                .take_while(|&&b| b == b'\r' || b == b'\n')
                .count();
        self.line += self.text[self.counted_to..start]
            .iter()
            .filter(|&&b| b == b'\n')
            .count();
        self.counted_to = start;
        self.line
    }
}

impl Iterator for Records<'_> {
    type Item = (usize, csv::StringRecord);

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            let mut record = csv::StringRecord::new();
            // Reading a slice has no I/O to fail, and the text is already
            // known to be UTF-8, so an error cannot happen; were it to, the
            // file simply ends there.
            if !self.reader.read_record(&mut record).ok()? {
                return None;
            }
            if record.iter().all(|f| f.trim().is_empty()) {
                continue;
            }
            let offset = record
                .position()
                .map_or(self.counted_to, |p| p.byte() as usize);
            return Some((self.line_at(offset), record));
        }
    }
}

/// For each of [`COLUMNS`], where it is in the file's lines (`None` for an
/// optional column left out).
fn read_header(
    line: usize,
    header: &csv::StringRecord,
) -> Result<[Option<usize>; 13], Vec<LineError>> {
    let mut found: [Option<usize>; 13] = [None; 13];
    let mut errors = Vec::new();
    for (i, raw) in header.iter().enumerate() {
        let name = raw.trim().to_lowercase();
        match COLUMNS.iter().position(|c| *c == name) {
            None => errors.push(LineError::new(line, raw.trim(), Problem::UnknownColumn)),
            Some(c) if found[c].is_some() => {
                errors.push(LineError::new(line, COLUMNS[c], Problem::DuplicateColumn));
            }
            Some(c) => found[c] = Some(i),
        }
    }
    for (c, name) in COLUMNS.iter().enumerate().take(REQUIRED_COLUMNS) {
        if found[c].is_none() {
            errors.push(LineError::new(line, name, Problem::MissingColumn));
        }
    }
    if errors.is_empty() {
        Ok(found)
    } else {
        Err(errors)
    }
}

/// One data line, its cells in the order of [`COLUMNS`]. A slug is claimed
/// even when its line is bad, so the later of two lines is the one refused.
fn read_line(
    line: usize,
    cells: [&str; 13],
    slugs: &mut HashSet<String>,
    english: bool,
) -> Result<CsvProduct, Vec<LineError>> {
    let [
        slug,
        title,
        description,
        category,
        price,
        unit,
        availability,
        stock,
        min_order,
        tags,
        status,
        title_en,
        description_en,
    ] = cells;
    let mut errors: Vec<(String, Problem)> = Vec::new();

    // `ProductInput::tags` splits on commas and semicolons, so a tag holding
    // one would silently become two.
    let (bad, good): (Vec<&str>, Vec<&str>) = tags
        .split(TAG_SEPARATOR)
        .partition(|t| t.contains([',', ';']));
    if !bad.is_empty() {
        errors.push(("tags".into(), Problem::TagInvalid));
    }
    let input = ProductInput {
        title: title.into(),
        description: description.into(),
        category: category.into(),
        price: price.into(),
        unit: unit.into(),
        availability: availability.into(),
        stock: stock.into(),
        min_order: min_order.into(),
        tags: good.join(","),
        title_en: title_en.into(),
        description_en: description_en.into(),
    };
    let product = input.validate().map_err(|field_errors| {
        errors.extend(field_errors.into_iter().map(|e| (e.field, e.code)));
    });

    let published = match status.trim() {
        "" | "draft" => false,
        "published" => true,
        _ => {
            errors.push(("status".into(), Problem::NotAllowed));
            false
        }
    };

    let slug = slug.trim();
    if !slug.is_empty() && !slugs.insert(slug.to_string()) {
        errors.push(("slug".into(), Problem::DuplicateSlug));
    }

    match product {
        Ok(product) if errors.is_empty() => Ok(CsvProduct {
            line,
            slug: (!slug.is_empty()).then(|| slug.to_string()),
            product,
            published,
            english,
        }),
        _ => {
            // In column order, as the user reads the line; a tag refused both
            // here and by the form is one error.
            let rank = |field: &str| COLUMNS.iter().position(|c| *c == field);
            errors.sort_by_key(|(field, _)| rank(field));
            errors.dedup();
            Err(errors
                .into_iter()
                .map(|(field, code)| LineError { line, field, code })
                .collect())
        }
    }
}

/// Any run of apostrophes before a formula character gets one more, so that
/// [`unescape_formula`] restores every value exactly, a leading `'` included.
fn escape_formula(cell: &str) -> Cow<'_, str> {
    if cell.trim_start_matches('\'').starts_with(FORMULA_START) {
        format!("'{cell}").into()
    } else {
        cell.into()
    }
}

fn unescape_formula(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.trim_start_matches('\'').starts_with(FORMULA_START) => rest,
        _ => cell,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str =
        "slug,title,description,category,price,unit,availability,stock,min_order,tags,status";

    fn valid(input: ProductInput) -> ValidProduct {
        input.validate().expect("a valid product")
    }

    fn socks() -> ProductInput {
        ProductInput {
            title: "Вълнени чорапи".into(),
            description: "Плетени на ръка.".into(),
            category: "textiles".into(),
            price: "12,50".into(),
            unit: "piece".into(),
            availability: "in_stock".into(),
            stock: "7".into(),
            min_order: String::new(),
            tags: "вълна, ръчна изработка".into(),
            ..ProductInput::default()
        }
    }

    fn file(lines: &[&str]) -> Vec<u8> {
        lines.join("\n").into_bytes()
    }

    /// The (line, field, code) triples of a refused file.
    fn errors(bytes: &[u8]) -> Vec<(usize, String, Problem)> {
        parse(bytes)
            .expect_err("the file should be refused")
            .into_iter()
            .map(|e| (e.line, e.field, e.code))
            .collect()
    }

    fn err(line: usize, field: &str, code: &str) -> (usize, String, Problem) {
        (
            line,
            field.into(),
            Problem::from_code(code).expect("a known code"),
        )
    }

    const GOOD: &str =
        ",Вълнени чорапи,Топли.,textiles,\"12,50\",piece,in_stock,7,,вълна|зима,published";

    #[test]
    fn round_trip_keeps_every_product_exactly() {
        let rows = vec![
            ExportRow {
                slug: "valneni-chorapi".into(),
                product: valid(ProductInput {
                    description: "Плетени на ръка, от \"истинска\" вълна;\nмека и топла.\n\n<script>alert(1)</script>".into(),
                    tags: "зима, вълна, подарък".into(),
                    ..socks()
                }),
                published: true,
            },
            ExportRow {
                slug: "lipov-med".into(),
                product: valid(ProductInput {
                    title: "Липов мед \"Балкан\", 500 г; буркан".into(),
                    description: String::new(),
                    category: "food".into(),
                    price: "1 234,05".into(),
                    unit: "kg".into(),
                    availability: "made_to_order".into(),
                    stock: String::new(),
                    min_order: "3".into(),
                    tags: String::new(),
                    title_en: "Linden honey \"Balkan\", 500 g; jar".into(),
                    description_en: "Raw;\nfrom our own hives.".into(),
                }),
                published: false,
            },
            ExportRow {
                slug: "kupichka".into(),
                product: valid(ProductInput {
                    title: "=HYPERLINK(\"http://x\")".into(),
                    description: "- ръчно рисувана\n- глина".into(),
                    availability: "out_of_stock".into(),
                    stock: String::new(),
                    tags: "@керамика, +подарък".into(),
                    ..socks()
                }),
                published: true,
            },
            ExportRow {
                slug: "apostrophe".into(),
                product: valid(ProductInput {
                    title: "'=не е формула".into(),
                    description: "'цитат' и ''-тире".into(),
                    ..socks()
                }),
                published: false,
            },
        ];
        assert_eq!(rows[2].product.stock, Some(0));
        assert_eq!(rows[1].product.stock, None);

        let back = parse(&write(&rows)).expect("its own export parses");
        assert_eq!(back.len(), rows.len());
        for (row, got) in rows.iter().zip(&back) {
            assert_eq!(got.slug.as_deref(), Some(row.slug.as_str()));
            assert_eq!(got.product, row.product);
            assert_eq!(got.published, row.published);
        }
        // Physical lines: the first description spans four.
        let lines: Vec<usize> = back.iter().map(|p| p.line).collect();
        assert_eq!(lines, [2, 6, 8, 10]);
        assert_eq!(
            back[1].product.title_en.as_deref(),
            Some("Linden honey \"Balkan\", 500 g; jar")
        );
        assert_eq!(back[0].product.title_en, None);
        assert_eq!(back[0].product.tags, ["зима", "вълна", "подарък"]);
        assert!(
            back[0]
                .product
                .description
                .contains("<script>alert(1)</script>")
        );
    }

    #[test]
    fn export_is_excel_friendly_and_defuses_formulas() {
        let row = ExportRow {
            slug: "s".into(),
            product: valid(ProductInput {
                title: "=1+1".into(),
                description: "ред 1\nред 2".into(),
                ..socks()
            }),
            published: false,
        };
        let out = String::from_utf8(write(&[row])).unwrap();
        // An export always has the optional English columns, last.
        let expected = format!(
            "\u{feff}{HEADER},title_en,description_en\r\ns,'=1+1,\"ред 1\nред 2\",textiles,12.50,piece,in_stock,7,1,вълна|ръчна изработка,draft,,\r\n"
        );
        assert_eq!(out, expected);
        assert_eq!(
            write(&[]),
            format!("\u{feff}{HEADER},title_en,description_en\r\n").into_bytes()
        );
    }

    #[test]
    fn semicolons_any_column_order_and_case() {
        let bytes = file(&[
            " Title ;SLUG;Description;category;Price;unit;availability;stock;min_order;tags;Status",
            "Вълнени чорапи;;\"Топли; меки\";textiles;12,50;piece;in_stock;7;2;вълна|зима;",
            "Мед;med;;food;8.00;kg;made_to_order;;;;published",
        ]);
        let got = parse(&bytes).unwrap();
        assert_eq!(got.len(), 2);
        assert_eq!(got[0].slug, None);
        assert!(!got[0].published);
        assert_eq!(got[0].product.description, "Топли; меки");
        assert_eq!(got[0].product.price_cents, 1250);
        assert_eq!(got[0].product.min_order, 2);
        assert_eq!(got[0].product.tags, ["вълна", "зима"]);
        assert_eq!(got[1].slug.as_deref(), Some("med"));
        assert!(got[1].published);
        assert_eq!(got[1].product.stock, None);
        assert_eq!((got[0].line, got[1].line), (2, 3));
    }

    /// Files written before the English columns existed still import, and
    /// given English columns follow the form's rules.
    #[test]
    fn english_columns_are_optional_and_checked() {
        let old = parse(file(&[HEADER, GOOD]).as_slice()).unwrap();
        assert_eq!(old[0].product.title_en, None);
        assert!(!old[0].english, "the file says nothing of English");
        let with = format!("{HEADER},title_en,description_en");
        let got = parse(file(&[&with, &format!("{GOOD},Wool socks,Warm.")]).as_slice()).unwrap();
        assert_eq!(got[0].product.title_en.as_deref(), Some("Wool socks"));
        assert_eq!(got[0].product.description_en.as_deref(), Some("Warm."));
        assert!(got[0].english);
        assert_eq!(
            errors(&file(&[&with, &format!("{GOOD},ab,")])),
            [err(2, "title_en", "too_short")]
        );
    }

    #[test]
    fn bom_and_crlf() {
        let text = format!("\u{feff}{HEADER}\r\n{GOOD}\r\n{GOOD}\r\n");
        let got = parse(text.as_bytes()).unwrap();
        assert_eq!(got.len(), 2);
        assert_eq!(got[0].product.title, "Вълнени чорапи");
        assert_eq!(got[1].line, 3);

        let bad = format!("\u{feff}{HEADER}\r\n{GOOD}\r\n,,,,,,,,,,bogus\r\n");
        assert_eq!(errors(bad.as_bytes())[0].0, 3);
    }

    #[test]
    fn line_numbers_count_blank_lines_and_start_multi_line_records() {
        let bytes = file(&[
            HEADER,
            "",
            GOOD,
            ",Покривка,\"Ред 1",
            "",
            "Ред 3\",textiles,20,piece,in_stock,1,,,",
            "   ",
            ",,,,,,,,,,",
            "",
            ",Х,,textiles,20,piece,in_stock,1,,,",
            "",
        ]);
        assert_eq!(errors(&bytes), vec![err(10, "title", "too_short")]);

        let bytes = file(&[
            HEADER,
            "",
            GOOD,
            ",Покривка,\"Ред 1\r\n\r\nРед 3\",textiles,20,piece,in_stock,1,,,",
        ]);
        let got = parse(&bytes).unwrap();
        assert_eq!((got[0].line, got[1].line), (3, 4));
        assert_eq!(got[1].product.description, "Ред 1\n\nРед 3");
    }

    #[test]
    fn empty_files() {
        for bytes in [&b""[..], b"\xef\xbb\xbf", b"\r\n\n", b"  \n;;;\n"] {
            assert_eq!(errors(bytes), vec![err(1, "file", "empty")], "{bytes:?}");
        }
    }

    #[test]
    fn a_header_alone_is_an_empty_catalogue() {
        assert_eq!(parse(HEADER.as_bytes()), Ok(vec![]));
    }

    #[test]
    fn not_utf8() {
        let mut bytes = file(&[HEADER, GOOD, ""]);
        bytes.extend_from_slice(b",\xc2\xe0\xeb\xed\xe0,,textiles,1,piece,made_to_order,,,,");
        assert_eq!(errors(&bytes), vec![err(3, "file", "not_utf8")]);
        // "заглавие" in Windows-1251, as an old Excel saves it.
        assert_eq!(
            errors(b"\xe7\xe0\xe3\xeb\xe0\xe2\xe8\xe5"),
            vec![err(1, "file", "not_utf8")]
        );
    }

    #[test]
    fn header_errors() {
        let bytes = file(&[
            "slug,title,Цена,description,category,unit,availability,stock,min_order,tags,status,Title",
            GOOD,
        ]);
        assert_eq!(
            errors(&bytes),
            vec![
                err(1, "Цена", "unknown_column"),
                err(1, "title", "duplicate_column"),
                err(1, "price", "missing_column"),
            ]
        );
        let bytes = file(&["slug,title", ",Чорапи"]);
        let got = errors(&bytes);
        assert_eq!(got.len(), 9);
        assert!(
            got.iter()
                .all(|(l, _, c)| *l == 1 && *c == Problem::MissingColumn)
        );
    }

    #[test]
    fn field_count() {
        let bytes = file(&[HEADER, GOOD, ",Чорапи,,textiles,1", &format!("{GOOD},")]);
        assert_eq!(
            errors(&bytes),
            vec![err(3, "line", "field_count"), err(4, "line", "field_count")]
        );
    }

    #[test]
    fn ten_thousand_lines_parse_and_one_more_is_refused() {
        let mut text = String::from(HEADER);
        for _ in 0..MAX_LINES {
            text.push('\n');
            text.push_str(GOOD);
        }
        assert_eq!(parse(text.as_bytes()).unwrap().len(), MAX_LINES);
        text.push_str("\n\n");
        text.push_str(GOOD);
        assert_eq!(
            errors(text.as_bytes()),
            vec![err(MAX_LINES + 3, "file", "too_many_lines")]
        );
    }

    #[test]
    fn duplicate_slugs_are_refused_on_the_later_lines() {
        let line = |slug: &str| GOOD.replacen(',', &format!("{slug},"), 1);
        let bytes = file(&[
            HEADER,
            &line("a"),
            GOOD,
            GOOD,
            &line("b"),
            &line(" a "),
            &line("a"),
        ]);
        assert_eq!(
            errors(&bytes),
            vec![
                err(6, "slug", "duplicate_slug"),
                err(7, "slug", "duplicate_slug")
            ]
        );
    }

    #[test]
    fn tags_and_status() {
        let bytes = file(&[
            HEADER,
            ",Чорапи,,textiles,1,piece,made_to_order,,,\"вълна|зима, лято\",",
            ",Чорапи,,textiles,1,piece,made_to_order,,,вълна|зима;лято,",
            ",Чорапи,,textiles,1,piece,made_to_order,,,,Published",
            ",Чорапи,,textiles,1,piece,made_to_order,,,,archived",
        ]);
        assert_eq!(
            errors(&bytes),
            vec![
                err(2, "tags", "tag_invalid"),
                err(3, "tags", "tag_invalid"),
                err(4, "status", "not_allowed"),
                err(5, "status", "not_allowed"),
            ]
        );
        // Refused here for the comma and by the form for the length: one error.
        let long = format!(
            ",Чорапи,,textiles,1,piece,made_to_order,,,\"a,b|{}\",",
            "я".repeat(41)
        );
        assert_eq!(
            errors(&file(&[HEADER, &long])),
            vec![err(2, "tags", "tag_invalid")]
        );
    }

    #[test]
    fn form_rules_apply_with_their_codes() {
        let bytes = file(&[HEADER, "slug,X,,,abc,barrel,in_stock,-1,0,,draft"]);
        assert_eq!(
            errors(&bytes),
            vec![
                err(2, "title", "too_short"),
                err(2, "category", "required"),
                err(2, "price", "not_a_number"),
                err(2, "unit", "not_allowed"),
                err(2, "stock", "negative"),
                err(2, "min_order", "too_small"),
            ]
        );
    }

    #[test]
    fn all_or_nothing() {
        let bytes = file(&[
            HEADER,
            GOOD,
            GOOD,
            ",Чорапи,,textiles,0,piece,in_stock,1,,,",
            GOOD,
        ]);
        assert_eq!(errors(&bytes), vec![err(4, "price", "too_small")]);
    }

    #[test]
    fn a_stray_apostrophe_only_goes_before_a_formula() {
        let bytes = file(&[
            HEADER,
            ",'=1+1,'цитат',textiles,1,piece,made_to_order,,,'-a,",
        ]);
        let got = parse(&bytes).unwrap();
        assert_eq!(got[0].product.title, "=1+1");
        assert_eq!(got[0].product.description, "'цитат'");
        assert_eq!(got[0].product.tags, ["-a"]);
    }
}
