//! Uploaded product images and logos: bytes in, checked and re-encoded JPEG
//! bytes out. Pure on purpose — no file system, database or HTTP — so that a
//! refused upload cannot leave anything behind and the caller decides where
//! the results go.

use crate::error::{AppError, AppResult, Problem};
use std::io::Cursor;

use image::codecs::jpeg::JpegEncoder;
use image::imageops::{self, FilterType};
use image::metadata::Orientation;
use image::{DynamicImage, ImageDecoder, ImageError, ImageFormat, ImageReader, Limits, RgbImage};

/// Largest accepted upload, in bytes.
pub const MAX_BYTES: usize = 10 * 1024 * 1024;
/// Largest accepted decoded image, in pixels (width × height).
pub const MAX_PIXELS: u64 = 40_000_000;
/// Longest side of the stored image.
pub const FULL_SIDE: u32 = 1600;
/// Longest side of the thumbnail.
pub const THUMB_SIDE: u32 = 400;

/// High enough that product photos show no visible artefacts, low enough
/// that a 1600 px photo stays well under a megabyte.
const JPEG_QUALITY: u8 = 82;

/// The decoders' own allocation budget. 8 bytes per pixel is the widest
/// layout JPEG, PNG or WebP can decode to (16-bit RGBA PNG), so any image
/// within `MAX_PIXELS` fits and anything needing more is a crafted file.
const MAX_DECODE_ALLOC: u64 = MAX_PIXELS * 8;

/// Why an upload was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageRefusal {
    Empty,
    TooLarge,
    NotAnImage,
    UnsupportedFormat,
    TooManyPixels,
    Corrupt,
}

impl ImageRefusal {
    /// The problem shown to the enterprise (translated elsewhere).
    pub fn code(self) -> Problem {
        match self {
            Self::Empty => Problem::ImageEmpty,
            Self::TooLarge => Problem::ImageTooLarge,
            Self::NotAnImage => Problem::ImageNotImage,
            Self::UnsupportedFormat => Problem::ImageUnsupported,
            Self::TooManyPixels => Problem::ImageTooManyPixels,
            Self::Corrupt => Problem::ImageCorrupt,
        }
    }
}

/// A re-encoded upload: the stored image and its thumbnail, both JPEG.
pub struct Processed {
    pub full: Vec<u8>,
    pub thumb: Vec<u8>,
    pub width: u32,
    pub height: u32,
    pub thumb_width: u32,
    pub thumb_height: u32,
}

/// Checks and re-encodes an upload.
///
/// JPEG, PNG and WebP are accepted (sniffed from the bytes); both outputs are
/// JPEG. Re-encoding from pixels is what drops EXIF/GPS and other metadata,
/// and anything appended after the image data.
/// Decodes at once, at most one per core: a 40-megapixel image takes
/// 160 MB while it is decoded, and four small crafted PNGs decoded together
/// took the server from 218 MB to 2 GB. Others wait their turn.
static DECODES: std::sync::LazyLock<tokio::sync::Semaphore> = std::sync::LazyLock::new(|| {
    tokio::sync::Semaphore::new(std::thread::available_parallelism().map_or(2, |n| n.get()))
});

/// [`process`] on the blocking pool, one decode per core at a time.
///
/// # Errors
/// `Ok(Err(refusal))` for a file refused; `Err` when the work could not run.
pub async fn process_bounded(
    bytes: Vec<u8>,
) -> Result<Result<Processed, ImageRefusal>, crate::error::AppError> {
    let _permit = DECODES
        .acquire()
        .await
        .map_err(|_| crate::error::AppError::Internal)?;
    tokio::task::spawn_blocking(move || process(&bytes))
        .await
        .map_err(|_| crate::error::AppError::Internal)
}

/// The width of the thumbnail of a `width` × `height` image (the longest
/// side at most [`THUMB_SIDE`], never enlarged).
pub fn thumb_width(width: i32, height: i32) -> i32 {
    let (w, h) = (width.max(1) as u32, height.max(1) as u32);
    fit(w, h, THUMB_SIDE).0 as i32
}

/// Checks and re-encodes an upload, refusing it on the form's `file` field.
///
/// # Errors
/// [`AppError::Invalid`] with the refusal; Internal when the work failed.
pub async fn accept(bytes: Vec<u8>) -> AppResult<Processed> {
    process_bounded(bytes)
        .await?
        .map_err(|r| AppError::invalid("file", r.code()))
}

pub fn process(bytes: &[u8]) -> Result<Processed, ImageRefusal> {
    if bytes.is_empty() {
        return Err(ImageRefusal::Empty);
    }
    if bytes.len() > MAX_BYTES {
        return Err(ImageRefusal::TooLarge);
    }
    let format = sniff(bytes)?;

    // The PNG decoder insists on reaching image data before it reports the
    // size, so a bomb that is only a header would come out as `Corrupt`.
    if format == ImageFormat::Png
        && let Some((w, h)) = png_header_dimensions(bytes)
    {
        check_pixels(w, h)?;
    }
    // zune-jpeg, as the image crate configures it, fills a cut-off scan with
    // grey instead of failing, so truncation has to be caught here.
    if format == ImageFormat::Jpeg && !jpeg_has_end(bytes) {
        return Err(ImageRefusal::Corrupt);
    }

    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    let mut limits = Limits::default();
    limits.max_alloc = Some(MAX_DECODE_ALLOC);
    reader.limits(limits);
    let mut decoder = reader.into_decoder().map_err(refusal)?;

    // Decoders honour `max_alloc` unevenly, so the size from the header is
    // checked here, before the pixel buffer is allocated.
    let (w, h) = decoder.dimensions();
    check_pixels(w, h)?;

    // Unreadable EXIF must not cost the upload: the photo is still good.
    let orientation = decoder.orientation().unwrap_or(Orientation::NoTransforms);
    let decoded = DynamicImage::from_decoder(decoder).map_err(refusal)?;
    let flat = flatten_on_white(decoded);

    let turned = matches!(
        orientation,
        Orientation::Rotate90
            | Orientation::Rotate270
            | Orientation::Rotate90FlipH
            | Orientation::Rotate270FlipH
    );
    let (upright_w, upright_h) = if turned { (h, w) } else { (w, h) };
    let (width, height) = fit(upright_w, upright_h, FULL_SIDE);
    let (thumb_width, thumb_height) = fit(upright_w, upright_h, THUMB_SIDE);

    // Resampling before turning means the rotation copies 1600 px, not up
    // to 40 megapixels; the two commute for quarter turns and flips.
    let (stored_w, stored_h) = if turned {
        (height, width)
    } else {
        (width, height)
    };
    let mut full = DynamicImage::ImageRgb8(shrink(flat, stored_w, stored_h));
    full.apply_orientation(orientation);
    let full = full.into_rgb8();
    // The thumbnail is resampled from the stored image, which is already
    // small, rather than from the original.
    let thumb = imageops::resize(&full, thumb_width, thumb_height, FilterType::Lanczos3);

    Ok(Processed {
        full: encode_jpeg(&full)?,
        thumb: encode_jpeg(&thumb)?,
        width,
        height,
        thumb_width,
        thumb_height,
    })
}

/// Tells which format the bytes are, by content only.
fn sniff(bytes: &[u8]) -> Result<ImageFormat, ImageRefusal> {
    match image::guess_format(bytes) {
        Ok(format @ (ImageFormat::Jpeg | ImageFormat::Png | ImageFormat::WebP)) => Ok(format),
        Ok(_) => Err(ImageRefusal::UnsupportedFormat),
        // An iPhone HEIC or an SVG logo is an image we cannot take, and the
        // enterprise should hear that rather than "this is not an image".
        Err(_) if is_other_image(bytes) => Err(ImageRefusal::UnsupportedFormat),
        Err(_) => Err(ImageRefusal::NotAnImage),
    }
}

/// Images that `image::guess_format` does not know: SVG, HEIF/HEIC/AVIF
/// variants and JPEG XL.
fn is_other_image(bytes: &[u8]) -> bool {
    const HEIF_BRANDS: [&[u8]; 9] = [
        b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"mif1", b"msf1", b"avis",
    ];
    if bytes.len() >= 12 && &bytes[4..8] == b"ftyp" && HEIF_BRANDS.contains(&&bytes[8..12]) {
        return true;
    }
    if bytes.starts_with(&[0xFF, 0x0A]) || bytes.starts_with(b"\0\0\0\x0CJXL \r\n\x87\n") {
        return true;
    }
    let text = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let start = text
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(text.len());
    let head = text[start..].get(..1024).unwrap_or(&text[start..]);
    let head = head.to_ascii_lowercase();
    let contains = |needle: &[u8]| head.windows(needle.len()).any(|w| w == needle);
    head.starts_with(b"<svg")
        || ((head.starts_with(b"<?xml") || head.starts_with(b"<!doctype svg"))
            && contains(b"<svg")
            && !contains(b"<html"))
}

/// Width and height from a PNG's IHDR, which the format fixes at byte 16.
fn png_header_dimensions(bytes: &[u8]) -> Option<(u32, u32)> {
    if bytes.get(12..16)? != b"IHDR" {
        return None;
    }
    let w = u32::from_be_bytes(bytes.get(16..20)?.try_into().ok()?);
    let h = u32::from_be_bytes(bytes.get(20..24)?.try_into().ok()?);
    Some((w, h))
}

/// Whether a JPEG reaches its end-of-image marker after the first scan.
///
/// The segments before the scan are walked by their lengths, because an
/// embedded EXIF thumbnail carries an end marker of its own. Inside scan
/// data 0xFF is always stuffed or a restart marker, so an `FF D9` after the
/// scan starts can only be the real end.
fn jpeg_has_end(bytes: &[u8]) -> bool {
    let mut i = 2;
    loop {
        if bytes.get(i) != Some(&0xFF) {
            return false;
        }
        while bytes.get(i) == Some(&0xFF) {
            i += 1;
        }
        let Some(&marker) = bytes.get(i) else {
            return false;
        };
        i += 1;
        match marker {
            0x01 | 0xD0..=0xD7 => continue,
            0xD8 | 0xD9 => return false,
            _ => {}
        }
        let Some(len) = bytes.get(i..i + 2) else {
            return false;
        };
        let len = usize::from(u16::from_be_bytes([len[0], len[1]]));
        if len < 2 {
            return false;
        }
        i += len;
        if marker == 0xDA {
            return bytes
                .get(i..)
                .is_some_and(|rest| rest.windows(2).any(|w| w == [0xFF, 0xD9]));
        }
    }
}

fn check_pixels(w: u32, h: u32) -> Result<(), ImageRefusal> {
    if w == 0 || h == 0 {
        return Err(ImageRefusal::Corrupt);
    }
    if u64::from(w) * u64::from(h) > MAX_PIXELS {
        return Err(ImageRefusal::TooManyPixels);
    }
    Ok(())
}

fn refusal(err: ImageError) -> ImageRefusal {
    match err {
        ImageError::Limits(_) => ImageRefusal::TooManyPixels,
        // A known container with a feature the decoder lacks (e.g. an
        // arithmetic-coded JPEG): the file may be fine, we just cannot read it.
        ImageError::Unsupported(_) => ImageRefusal::UnsupportedFormat,
        _ => ImageRefusal::Corrupt,
    }
}

/// JPEG has no alpha; without this, transparent areas would come out in
/// whatever colour the hidden pixels happen to hold (often black).
fn flatten_on_white(img: DynamicImage) -> RgbImage {
    if !img.color().has_alpha() {
        return img.into_rgb8();
    }
    let rgba = img.into_rgba8();
    RgbImage::from_fn(rgba.width(), rgba.height(), |x, y| {
        let [r, g, b, a] = rgba.get_pixel(x, y).0;
        let a = u32::from(a);
        let over_white = |c: u8| ((u32::from(c) * a + 255 * (255 - a) + 127) / 255) as u8;
        image::Rgb([over_white(r), over_white(g), over_white(b)])
    })
}

/// Size that fits within `side` on the longest edge, keeping the aspect
/// ratio and never enlarging: upscaling only adds bytes and blur.
fn fit(w: u32, h: u32, side: u32) -> (u32, u32) {
    let longest = w.max(h);
    if longest <= side {
        return (w, h);
    }
    let scale = |v: u32| {
        let scaled = (u64::from(v) * u64::from(side) + u64::from(longest) / 2) / u64::from(longest);
        // `scaled` is at most `side`, so it fits; a 1-pixel line stays visible.
        (scaled as u32).max(1)
    };
    (scale(w), scale(h))
}

fn shrink(img: RgbImage, w: u32, h: u32) -> RgbImage {
    if img.dimensions() == (w, h) {
        return img;
    }
    imageops::resize(&img, w, h, FilterType::Lanczos3)
}

fn encode_jpeg(img: &RgbImage) -> Result<Vec<u8>, ImageRefusal> {
    let mut out = Vec::new();
    JpegEncoder::new_with_quality(&mut out, JPEG_QUALITY)
        .encode_image(img)
        // Only reachable through a bug of ours (the sizes are bounded), and
        // the upload must still be refused rather than panic the server.
        .map_err(|_| ImageRefusal::Corrupt)?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::codecs::png::PngEncoder;
    use image::codecs::webp::WebPEncoder;
    use image::{ExtendedColorType, ImageEncoder, Rgb, Rgba, RgbaImage};

    fn gradient(w: u32, h: u32) -> RgbImage {
        RgbImage::from_fn(w, h, |x, y| {
            Rgb([
                (x * 255 / w) as u8,
                (y * 255 / h) as u8,
                ((x + y) % 256) as u8,
            ])
        })
    }

    fn jpeg(img: &RgbImage) -> Vec<u8> {
        let mut out = Vec::new();
        JpegEncoder::new_with_quality(&mut out, 90)
            .encode_image(img)
            .unwrap();
        out
    }

    fn png_rgba(img: &RgbaImage) -> Vec<u8> {
        let mut out = Vec::new();
        PngEncoder::new(&mut out)
            .write_image(
                img.as_raw(),
                img.width(),
                img.height(),
                ExtendedColorType::Rgba8,
            )
            .unwrap();
        out
    }

    /// Decodes an output, insisting that it is a JPEG.
    fn decode_jpeg(bytes: &[u8]) -> RgbImage {
        assert_eq!(image::guess_format(bytes).unwrap(), ImageFormat::Jpeg);
        image::load_from_memory_with_format(bytes, ImageFormat::Jpeg)
            .unwrap()
            .into_rgb8()
    }

    fn assert_sizes(p: &Processed, full: (u32, u32), thumb: (u32, u32)) {
        assert_eq!((p.width, p.height), full);
        assert_eq!((p.thumb_width, p.thumb_height), thumb);
        assert_eq!(decode_jpeg(&p.full).dimensions(), full);
        assert_eq!(decode_jpeg(&p.thumb).dimensions(), thumb);
    }

    fn contains(haystack: &[u8], needle: &[u8]) -> bool {
        haystack.windows(needle.len()).any(|w| w == needle)
    }

    fn crc32(data: &[u8]) -> u32 {
        let mut crc = 0xFFFF_FFFFu32;
        for &byte in data {
            crc ^= u32::from(byte);
            for _ in 0..8 {
                crc = if crc & 1 == 1 {
                    0xEDB8_8320 ^ (crc >> 1)
                } else {
                    crc >> 1
                };
            }
        }
        !crc
    }

    fn png_chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
        out.extend_from_slice(&(data.len() as u32).to_be_bytes());
        let start = out.len();
        out.extend_from_slice(kind);
        out.extend_from_slice(data);
        let crc = crc32(&out[start..]);
        out.extend_from_slice(&crc.to_be_bytes());
    }

    /// A JPEG with an APP1 Exif segment right after SOI, carrying the given
    /// orientation and some text standing in for GPS data.
    fn jpeg_with_exif(img: &RgbImage, orientation: u16) -> Vec<u8> {
        let mut tiff = b"MM\0\x2A\0\0\0\x08".to_vec();
        tiff.extend_from_slice(&1u16.to_be_bytes()); // one IFD entry
        tiff.extend_from_slice(&0x0112u16.to_be_bytes()); // Orientation
        tiff.extend_from_slice(&3u16.to_be_bytes()); // SHORT
        tiff.extend_from_slice(&1u32.to_be_bytes());
        tiff.extend_from_slice(&orientation.to_be_bytes());
        tiff.extend_from_slice(&[0, 0]);
        tiff.extend_from_slice(&0u32.to_be_bytes()); // no next IFD
        tiff.extend_from_slice(b"GPS 42.6977N 23.3219E secret");
        let mut payload = b"Exif\0\0".to_vec();
        payload.extend_from_slice(&tiff);

        let plain = jpeg(img);
        let mut out = plain[..2].to_vec();
        out.extend_from_slice(&[0xFF, 0xE1]);
        out.extend_from_slice(&((payload.len() + 2) as u16).to_be_bytes());
        out.extend_from_slice(&payload);
        out.extend_from_slice(&plain[2..]);
        out
    }

    #[test]
    fn codes_are_stable() {
        assert_eq!(ImageRefusal::Empty.code(), Problem::ImageEmpty);
        assert_eq!(ImageRefusal::TooLarge.code(), Problem::ImageTooLarge);
        assert_eq!(ImageRefusal::NotAnImage.code(), Problem::ImageNotImage);
        assert_eq!(
            ImageRefusal::UnsupportedFormat.code(),
            Problem::ImageUnsupported
        );
        assert_eq!(
            ImageRefusal::TooManyPixels.code(),
            Problem::ImageTooManyPixels
        );
        assert_eq!(ImageRefusal::Corrupt.code(), Problem::ImageCorrupt);
    }

    #[test]
    fn large_jpeg_is_downscaled_with_thumbnail() {
        let p = process(&jpeg(&gradient(3000, 1500))).unwrap();
        assert_sizes(&p, (1600, 800), (400, 200));
    }

    #[test]
    fn portrait_is_limited_by_its_height() {
        let p = process(&jpeg(&gradient(900, 2400))).unwrap();
        assert_sizes(&p, (600, 1600), (150, 400));
    }

    #[test]
    fn small_image_is_not_upscaled() {
        let p = process(&jpeg(&gradient(100, 50))).unwrap();
        assert_sizes(&p, (100, 50), (100, 50));
    }

    #[test]
    fn png_transparency_is_flattened_onto_white() {
        // Left half fully transparent (hidden colour black), right half opaque red.
        let img = RgbaImage::from_fn(800, 400, |x, _| {
            if x < 400 {
                Rgba([0, 0, 0, 0])
            } else {
                Rgba([255, 0, 0, 255])
            }
        });
        let p = process(&png_rgba(&img)).unwrap();
        assert_sizes(&p, (800, 400), (400, 200));
        let out = decode_jpeg(&p.full);
        let [r, g, b] = out.get_pixel(100, 200).0;
        assert!(
            r > 240 && g > 240 && b > 240,
            "transparent area is {r},{g},{b}"
        );
        let [r, g, b] = out.get_pixel(700, 200).0;
        assert!(r > 200 && g < 50 && b < 50, "opaque area is {r},{g},{b}");
    }

    #[test]
    fn lossless_webp_is_accepted() {
        let img = RgbaImage::from_fn(2000, 1000, |x, y| {
            Rgba([(x % 256) as u8, (y % 256) as u8, 90, 255])
        });
        let mut bytes = Vec::new();
        WebPEncoder::new_lossless(&mut bytes)
            .encode(img.as_raw(), 2000, 1000, ExtendedColorType::Rgba8)
            .unwrap();
        let p = process(&bytes).unwrap();
        assert_sizes(&p, (1600, 800), (400, 200));
    }

    #[test]
    fn exif_is_applied_then_dropped() {
        // Orientation 6: the camera was turned, the picture must be rotated
        // a quarter turn clockwise to stand upright.
        let bytes = jpeg_with_exif(&gradient(3000, 1500), 6);
        assert!(contains(&bytes, b"Exif"));
        let p = process(&bytes).unwrap();
        assert_sizes(&p, (800, 1600), (200, 400));
        // Clockwise: the source's bottom-left (no red, full green) is now top-left.
        let [r, g, _] = decode_jpeg(&p.full).get_pixel(2, 2).0;
        assert!(r < 40 && g > 215, "top-left is {r},{g}");
        for out in [&p.full, &p.thumb] {
            assert!(!contains(out, b"Exif"));
            assert!(!contains(out, b"secret"));
        }
    }

    #[test]
    fn bytes_after_the_image_are_dropped() {
        let mut bytes = jpeg(&gradient(120, 80));
        bytes.extend_from_slice(b"<?php system($_GET['c']); ?>");
        let p = process(&bytes).unwrap();
        assert!(!contains(&p.full, b"<?php"));
        assert!(!contains(&p.thumb, b"<?php"));
    }

    #[test]
    fn empty_is_refused() {
        assert_eq!(process(&[]).err(), Some(ImageRefusal::Empty));
    }

    #[test]
    fn oversized_upload_is_refused_before_decoding() {
        let mut bytes = jpeg(&gradient(16, 16));
        bytes.resize(MAX_BYTES + 1, 0);
        assert_eq!(process(&bytes).err(), Some(ImageRefusal::TooLarge));
    }

    #[test]
    fn text_is_not_an_image_whatever_its_name() {
        for bytes in [
            &b"<!DOCTYPE html><html><body><img src=x onerror=alert(1)></body></html>"[..],
            b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n",
            b"just some text",
            b"\xFF\xD8", // too short to be a JPEG
        ] {
            assert_eq!(process(bytes).err(), Some(ImageRefusal::NotAnImage));
        }
    }

    #[test]
    fn other_image_formats_are_unsupported() {
        let gif: &[u8] = b"GIF89a\x01\x00\x01\x00\x80\x00\x00\xFF\xFF\xFF\x00\x00\x00\
            !\xF9\x04\x01\x00\x00\x00\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;";
        let svg: &[u8] = b"<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\"/>";
        let heic: &[u8] = b"\0\0\0\x18ftypheic\0\0\0\0mif1heic";
        for bytes in [
            gif,
            svg,
            b"<svg><script>alert(1)</script></svg>",
            heic,
            b"BM\x3A\0\0\0\0\0\0\0\x36\0\0\0",
            b"II*\0\x08\0\0\0",
        ] {
            assert_eq!(process(bytes).err(), Some(ImageRefusal::UnsupportedFormat));
        }
    }

    #[test]
    fn decompression_bomb_is_refused_from_its_header() {
        let mut ihdr = Vec::new();
        ihdr.extend_from_slice(&20_000u32.to_be_bytes());
        ihdr.extend_from_slice(&20_000u32.to_be_bytes());
        ihdr.extend_from_slice(&[8, 6, 0, 0, 0]); // 8-bit RGBA
        let mut header_only = b"\x89PNG\r\n\x1a\n".to_vec();
        png_chunk(&mut header_only, b"IHDR", &ihdr);
        let mut with_data = header_only.clone();
        png_chunk(&mut header_only, b"IEND", &[]);
        // An empty zlib stream: enough for the decoder to get past its header.
        png_chunk(&mut with_data, b"IDAT", &[0x78, 0x9C, 0x03, 0, 0, 0, 0, 1]);
        png_chunk(&mut with_data, b"IEND", &[]);
        for bytes in [header_only, with_data] {
            assert_eq!(process(&bytes).err(), Some(ImageRefusal::TooManyPixels));
        }
    }

    #[test]
    fn truncated_files_are_corrupt() {
        let full = jpeg(&gradient(300, 200));
        for cut in [full.len() / 2, full.len() - 2, 400] {
            assert_eq!(process(&full[..cut]).err(), Some(ImageRefusal::Corrupt));
        }
        let img = RgbaImage::from_fn(300, 200, |x, y| Rgba([x as u8, y as u8, 0, 255]));
        let png = png_rgba(&img);
        assert_eq!(
            process(&png[..png.len() / 2]).err(),
            Some(ImageRefusal::Corrupt)
        );
    }

    #[test]
    fn fit_keeps_ratio_and_never_enlarges() {
        assert_eq!(fit(3000, 1500, 1600), (1600, 800));
        assert_eq!(fit(1600, 1600, 1600), (1600, 1600));
        assert_eq!(fit(1601, 1, 1600), (1600, 1));
        assert_eq!(fit(40_000_000, 1, 400), (400, 1));
        assert_eq!(fit(10, 20, 400), (10, 20));
    }
}
