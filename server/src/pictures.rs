//! Pictures for the demo products, drawn on this machine when `seed` runs
//! (nothing is downloaded): a still life per top category — a jar, a vase,
//! folded cloth, a bottle and soap, a potted plant, books, a gift box — on a
//! table, in colours and sizes that vary from product to product. Each is
//! stored like an upload (a JPEG and its thumbnail under the media folder,
//! one `product_images` row), so the demo shows the real picture paths.

use std::collections::HashMap;

use chrono::Utc;
use image::codecs::jpeg::JpegEncoder;
use image::imageops::{self, FilterType};
use image::{Rgb, RgbImage};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect,
};

use app::server::entities::{category, product, product_image};
use app::server::kernel::images::THUMB_SIDE;
use app::server::kernel::media::Media;

const WIDTH: u32 = 960;
const HEIGHT: u32 = 720;

/// Draws a picture for every product that has none (at most `limit`),
/// and returns how many it drew.
///
/// # Errors
/// The database's, or a file that could not be written.
pub async fn draw_missing(
    db: &DatabaseConnection,
    media: &Media,
    limit: Option<u64>,
) -> Result<usize, DbErr> {
    let categories: HashMap<i32, category::Model> = category::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.id, c))
        .collect();
    let with_images: Vec<i32> = product_image::Entity::find()
        .select_only()
        .column(product_image::Column::ProductId)
        .into_tuple()
        .all(db)
        .await?;
    let mut q = product::Entity::find()
        .filter(product::Column::Id.is_not_in(with_images))
        .order_by_asc(product::Column::Id);
    if let Some(n) = limit {
        q = q.limit(n);
    }
    let products = q.all(db).await?;
    let mut drawn = 0;
    for p in products {
        let root = root_slug(&categories, p.category_id);
        let motif = Motif::of(&root);
        let seed = p.id as u32;
        let (full, thumb) = tokio::task::spawn_blocking(move || render(motif, seed))
            .await
            .map_err(|e| DbErr::Custom(format!("drawing a picture: {e}")))?;
        let rel = format!("products/{}/demo.jpg", p.id);
        let thumb_rel = format!("products/{}/demo-thumb.jpg", p.id);
        media
            .write_all(&[(&rel, &full), (&thumb_rel, &thumb)])
            .await
            .map_err(|_| DbErr::Custom(format!("writing {rel} into the {}", media.label())))?;
        product_image::Entity::insert(product_image::ActiveModel {
            product_id: Set(p.id),
            position: Set(0),
            path: Set(rel),
            thumb_path: Set(thumb_rel),
            width: Set(WIDTH as i32),
            height: Set(HEIGHT as i32),
            alt: Set(p.title.chars().take(200).collect()),
            created_at: Set(Utc::now()),
            ..Default::default()
        })
        .exec(db)
        .await?;
        drawn += 1;
    }
    Ok(drawn)
}

fn root_slug(categories: &HashMap<i32, category::Model>, id: i32) -> String {
    let mut at = categories.get(&id);
    while let Some(c) = at {
        match c.parent_id {
            Some(parent) => at = categories.get(&parent),
            None => return c.slug.clone(),
        }
    }
    String::new()
}

#[derive(Debug, Clone, Copy)]
enum Motif {
    Jar,
    Vase,
    Cloth,
    Bottle,
    Plant,
    Books,
    Gift,
}

impl Motif {
    fn of(root: &str) -> Motif {
        match root {
            "hrani" => Motif::Jar,
            "zanayati" => Motif::Vase,
            "tekstil" => Motif::Cloth,
            "kozmetika" => Motif::Bottle,
            "dom-i-gradina" => Motif::Plant,
            "pechat" => Motif::Books,
            _ => Motif::Gift,
        }
    }
}

/// A small deterministic generator (xorshift), so a product's picture is
/// the same on every machine.
struct Dice(u32);

impl Dice {
    fn new(seed: u32) -> Dice {
        Dice(seed.wrapping_mul(2_654_435_761).max(1))
    }
    fn next(&mut self) -> f32 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        self.0 = x;
        (x % 10_000) as f32 / 10_000.0
    }
    fn pick<T: Copy>(&mut self, from: &[T]) -> T {
        from[(self.next() * from.len() as f32) as usize % from.len()]
    }
}

type Colour = [f32; 3];

fn rgb(hex: u32) -> Colour {
    [
        ((hex >> 16) & 0xff) as f32,
        ((hex >> 8) & 0xff) as f32,
        (hex & 0xff) as f32,
    ]
}

fn mix(a: Colour, b: Colour, t: f32) -> Colour {
    [
        a[0] + (b[0] - a[0]) * t,
        a[1] + (b[1] - a[1]) * t,
        a[2] + (b[2] - a[2]) * t,
    ]
}

fn shade(c: Colour, k: f32) -> Colour {
    [c[0] * k, c[1] * k, c[2] * k]
}

/// A shape by its signed distance (negative inside), in pixels.
#[derive(Clone, Copy)]
enum Shape {
    /// Centre, half sizes, corner radius.
    Rect(f32, f32, f32, f32, f32),
    /// Centre and radius.
    Circle(f32, f32, f32),
    /// Centre and radii.
    Ellipse(f32, f32, f32, f32),
}

impl Shape {
    fn distance(self, x: f32, y: f32) -> f32 {
        match self {
            Shape::Rect(cx, cy, hw, hh, r) => {
                let qx = (x - cx).abs() - hw + r;
                let qy = (y - cy).abs() - hh + r;
                let outside = (qx.max(0.0).powi(2) + qy.max(0.0).powi(2)).sqrt();
                outside + qx.max(qy).min(0.0) - r
            }
            Shape::Circle(cx, cy, r) => ((x - cx).powi(2) + (y - cy).powi(2)).sqrt() - r,
            Shape::Ellipse(cx, cy, rx, ry) => {
                let k = (((x - cx) / rx).powi(2) + ((y - cy) / ry).powi(2)).sqrt();
                (k - 1.0) * rx.min(ry)
            }
        }
    }

    /// The horizontal extent, for the light that falls from the left.
    fn span(self) -> (f32, f32) {
        match self {
            Shape::Rect(cx, _, hw, _, _) => (cx - hw, cx + hw),
            Shape::Circle(cx, _, r) => (cx - r, cx + r),
            Shape::Ellipse(cx, _, rx, _) => (cx - rx, cx + rx),
        }
    }
}

/// A painted shape: flat colour lit from the left, or a soft shadow.
struct Layer {
    shape: Shape,
    colour: Colour,
    lit: bool,
    /// Opacity; a shadow's edge is blurred over `soft` pixels.
    alpha: f32,
    soft: f32,
}

fn solid(shape: Shape, colour: Colour) -> Layer {
    Layer {
        shape,
        colour,
        lit: true,
        alpha: 1.0,
        soft: 1.0,
    }
}

fn flat(shape: Shape, colour: Colour) -> Layer {
    Layer {
        shape,
        colour,
        lit: false,
        alpha: 1.0,
        soft: 1.0,
    }
}

/// The object of a motif, standing on the table at `ground`, centred on `cx`.
fn object(motif: Motif, d: &mut Dice, cx: f32, ground: f32, s: f32) -> Vec<Layer> {
    let mut out = Vec::new();
    match motif {
        Motif::Jar => {
            let body = d.pick(&[0xe0a030, 0xb8322c, 0x6d2a52, 0xd8842a, 0x8a5a24]);
            let lid = d.pick(&[0x8a5a24, 0xc8a040, 0x3d6b45, 0xa03028]);
            let (hw, hh) = (120.0 * s, 150.0 * s);
            out.push(solid(
                Shape::Rect(cx, ground - hh, hw, hh, 46.0 * s),
                rgb(body),
            ));
            out.push(solid(
                Shape::Rect(
                    cx,
                    ground - 2.0 * hh - 12.0 * s,
                    hw + 12.0 * s,
                    26.0 * s,
                    12.0 * s,
                ),
                rgb(lid),
            ));
            out.push(flat(
                Shape::Rect(cx, ground - hh, hw * 0.62, hh * 0.34, 8.0 * s),
                rgb(0xfbf3e2),
            ));
            out.push(flat(
                Shape::Rect(cx, ground - hh, hw * 0.4, 5.0 * s, 3.0),
                rgb(body),
            ));
        }
        Motif::Vase => {
            let glaze = d.pick(&[0xc8643c, 0x3f7cac, 0x5f8a4e, 0xd9b26a, 0x8e3f22]);
            let h = 170.0 * s;
            out.push(solid(
                Shape::Ellipse(cx, ground - h * 0.8, 120.0 * s, h * 0.8),
                rgb(glaze),
            ));
            out.push(solid(
                Shape::Rect(cx, ground - h * 1.75, 52.0 * s, 60.0 * s, 14.0 * s),
                rgb(glaze),
            ));
            out.push(solid(
                Shape::Rect(cx, ground - h * 2.05, 70.0 * s, 14.0 * s, 10.0 * s),
                shade(rgb(glaze), 0.8),
            ));
            out.push(flat(
                Shape::Rect(cx, ground - h * 0.9, 112.0 * s, 9.0 * s, 4.0),
                rgb(0xf3e2cc),
            ));
        }
        Motif::Cloth => {
            let colours = [0x3f7cac, 0xb8322c, 0xe0a030, 0x4f9a5a, 0xf0ece2, 0x6d2a52];
            let mut y = ground;
            for i in 0..4 {
                let c = rgb(d.pick(&colours));
                let hw = (190.0 - i as f32 * 10.0) * s;
                let hh = 26.0 * s;
                out.push(solid(Shape::Rect(cx, y - hh, hw, hh, 14.0 * s), c));
                out.push(flat(
                    Shape::Rect(cx - hw * 0.5, y - hh, 6.0 * s, hh * 0.8, 2.0),
                    shade(c, 0.75),
                ));
                out.push(flat(
                    Shape::Rect(cx + hw * 0.5, y - hh, 6.0 * s, hh * 0.8, 2.0),
                    shade(c, 0.75),
                ));
                y -= 2.0 * hh + 4.0 * s;
            }
        }
        Motif::Bottle => {
            let glass = d.pick(&[0xb48fc8, 0x7fb8a4, 0xe8a0a8, 0xa8c8e8]);
            let soap = d.pick(&[0xe8c7a0, 0xf4e6c4, 0xc8d8a8, 0xe8b8c8]);
            let bx = cx - 70.0 * s;
            out.push(solid(
                Shape::Rect(bx, ground - 150.0 * s, 62.0 * s, 150.0 * s, 26.0 * s),
                rgb(glass),
            ));
            out.push(solid(
                Shape::Rect(bx, ground - 320.0 * s, 20.0 * s, 28.0 * s, 4.0),
                rgb(0x5a4a62),
            ));
            out.push(flat(
                Shape::Rect(bx, ground - 140.0 * s, 42.0 * s, 44.0 * s, 6.0),
                rgb(0xfaf6fb),
            ));
            out.push(solid(
                Shape::Rect(
                    cx + 100.0 * s,
                    ground - 34.0 * s,
                    90.0 * s,
                    34.0 * s,
                    18.0 * s,
                ),
                rgb(soap),
            ));
            out.push(flat(
                Shape::Circle(cx + 80.0 * s, ground - 96.0 * s, 12.0 * s),
                rgb(0xffffff),
            ));
            out.push(flat(
                Shape::Circle(cx + 112.0 * s, ground - 118.0 * s, 8.0 * s),
                rgb(0xffffff),
            ));
        }
        Motif::Plant => {
            let pot = d.pick(&[0xc8643c, 0xe8e0d0, 0x3f5f7f, 0xa9522f]);
            let leaf = d.pick(&[0x4f9a5a, 0x3b8048, 0x6aa84f, 0x2f6a3a]);
            out.push(solid(
                Shape::Rect(cx, ground - 80.0 * s, 100.0 * s, 80.0 * s, 18.0 * s),
                rgb(pot),
            ));
            out.push(solid(
                Shape::Rect(cx, ground - 164.0 * s, 112.0 * s, 16.0 * s, 8.0 * s),
                shade(rgb(pot), 0.85),
            ));
            for _ in 0..7 {
                let lx = cx + (d.next() - 0.5) * 220.0 * s;
                let ly = ground - 240.0 * s - d.next() * 170.0 * s;
                let r = (42.0 + d.next() * 30.0) * s;
                let tone = 0.85 + d.next() * 0.3;
                out.push(solid(
                    Shape::Ellipse(lx, ly, r * 1.3, r * 0.8),
                    shade(rgb(leaf), tone),
                ));
            }
        }
        Motif::Books => {
            let covers = [0x8e3f22, 0x3f5f7f, 0x3d6b45, 0xc8a040, 0x6d2a52, 0x2c3e50];
            let mut y = ground;
            for i in 0..5 {
                let c = rgb(d.pick(&covers));
                let hh = (18.0 + d.next() * 14.0) * s;
                let hw = (150.0 - i as f32 * 6.0 + d.next() * 30.0) * s;
                let off = (d.next() - 0.5) * 40.0 * s;
                out.push(solid(Shape::Rect(cx + off, y - hh, hw, hh, 4.0), c));
                out.push(flat(
                    Shape::Rect(cx + off + hw - 10.0 * s, y - hh, 6.0 * s, hh - 4.0, 1.0),
                    rgb(0xf7f1e3),
                ));
                y -= 2.0 * hh + 2.0;
            }
        }
        Motif::Gift => {
            let paper = rgb(d.pick(&[0x3f7cac, 0xb8322c, 0x4f9a5a, 0xe0a030, 0x6d2a52]));
            let ribbon = rgb(d.pick(&[0xf4e6c4, 0xffffff, 0xe8c040]));
            let (hw, hh) = (150.0 * s, 120.0 * s);
            out.push(solid(Shape::Rect(cx, ground - hh, hw, hh, 10.0 * s), paper));
            out.push(solid(
                Shape::Rect(
                    cx,
                    ground - 2.0 * hh - 10.0 * s,
                    hw + 14.0 * s,
                    26.0 * s,
                    8.0 * s,
                ),
                shade(paper, 0.9),
            ));
            out.push(flat(
                Shape::Rect(cx, ground - hh - 10.0 * s, 16.0 * s, hh + 16.0 * s, 2.0),
                ribbon,
            ));
            out.push(flat(
                Shape::Ellipse(
                    cx - 40.0 * s,
                    ground - 2.0 * hh - 56.0 * s,
                    44.0 * s,
                    24.0 * s,
                ),
                ribbon,
            ));
            out.push(flat(
                Shape::Ellipse(
                    cx + 40.0 * s,
                    ground - 2.0 * hh - 56.0 * s,
                    44.0 * s,
                    24.0 * s,
                ),
                ribbon,
            ));
        }
    }
    out
}

/// Draws one picture; returns the JPEG of it and of its thumbnail.
fn render(motif: Motif, seed: u32) -> (Vec<u8>, Vec<u8>) {
    let mut d = Dice::new(seed);
    let (w, h) = (WIDTH as f32, HEIGHT as f32);
    let wall = rgb(d.pick(&[0xf3ece0, 0xe8eef2, 0xf2e8e4, 0xe8f0e6, 0xeeeaf2]));
    let table = rgb(d.pick(&[0xc9a27a, 0xb08a64, 0xd8c8b0, 0x9c8a78]));
    let horizon = h * (0.62 + d.next() * 0.08);
    let scale = 0.85 + d.next() * 0.3;
    let cx = w * (0.45 + d.next() * 0.1);
    let ground = horizon + (h - horizon) * 0.55;
    let mut layers = vec![Layer {
        shape: Shape::Ellipse(cx + 30.0, ground + 4.0, 230.0 * scale, 26.0 * scale),
        colour: [40.0, 30.0, 20.0],
        lit: false,
        alpha: 0.28,
        soft: 18.0,
    }];
    layers.extend(object(motif, &mut d, cx, ground, scale));

    let mut img = RgbImage::new(WIDTH, HEIGHT);
    for (x, y, px) in img.enumerate_pixels_mut() {
        let (fx, fy) = (x as f32 + 0.5, y as f32 + 0.5);
        // The wall lightens upwards; the table darkens towards the viewer.
        let mut c = if fy < horizon {
            mix(shade(wall, 0.92), wall, 1.0 - fy / horizon)
        } else {
            shade(table, 1.0 - 0.18 * (fy - horizon) / (h - horizon))
        };
        for l in &layers {
            let dist = l.shape.distance(fx, fy);
            if dist > l.soft {
                continue;
            }
            let cover = (0.5 - dist / (2.0 * l.soft)).clamp(0.0, 1.0) * l.alpha;
            let mut colour = l.colour;
            if l.lit {
                let (x0, x1) = l.shape.span();
                let t = ((fx - x0) / (x1 - x0).max(1.0)).clamp(0.0, 1.0);
                // Light from the upper left: a highlight, then falling off.
                let k = 1.12 - 0.3 * t + 0.1 * (1.0 - ((t - 0.25) * 6.0).powi(2)).max(0.0);
                colour = shade(colour, k);
            }
            c = mix(c, colour, cover);
        }
        *px = Rgb(c.map(|v| v.clamp(0.0, 255.0) as u8));
    }
    let thumb_h = THUMB_SIDE * HEIGHT / WIDTH;
    let thumb = imageops::resize(&img, THUMB_SIDE, thumb_h, FilterType::Triangle);
    (jpeg(&img), jpeg(&thumb))
}

fn jpeg(img: &RgbImage) -> Vec<u8> {
    let mut out = Vec::new();
    JpegEncoder::new_with_quality(&mut out, 82)
        .encode_image(img)
        .expect("encoding an image in memory");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_motif_draws_a_picture_that_decodes_and_varies() {
        for (i, motif) in [
            Motif::Jar,
            Motif::Vase,
            Motif::Cloth,
            Motif::Bottle,
            Motif::Plant,
            Motif::Books,
            Motif::Gift,
        ]
        .into_iter()
        .enumerate()
        {
            let (full, thumb) = render(motif, i as u32 + 1);
            let img = image::load_from_memory(&full).expect("a JPEG");
            assert_eq!((img.width(), img.height()), (WIDTH, HEIGHT));
            let t = image::load_from_memory(&thumb).expect("a JPEG");
            assert_eq!(t.width(), THUMB_SIDE);
            // Not one flat colour: the object stands out from the wall.
            let rgb = img.to_rgb8();
            let centre = rgb.get_pixel(WIDTH / 2, HEIGHT / 2);
            let corner = rgb.get_pixel(4, 4);
            assert_ne!(centre, corner, "{motif:?}");
            // Another product draws another picture.
            assert_ne!(render(motif, i as u32 + 100).0, full, "{motif:?}");
        }
    }
}
