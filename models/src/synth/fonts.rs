//! The fonts plates and distractor text are drawn in: Debian packages (fonts-dejavu-core,
//! fonts-liberation2, fonts-freefont-ttf, fonts-roboto-unhinted, fonts-urw-base35), which
//! `deploy/setup.sh` installs. Training records which ones it found, since the data depends on it.

use ab_glyph::FontVec;

use crate::error::{Error, ErrorKind, Result};

/// Bold and condensed faces, the kind plate makers use, by path.
pub const FONT_FILES: [&str; 14] = [
    "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSansCondensed-Bold.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSansMono-Bold.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSerif-Bold.ttf",
    "/usr/share/fonts/truetype/liberation2/LiberationSans-Bold.ttf",
    "/usr/share/fonts/truetype/liberation2/LiberationMono-Bold.ttf",
    "/usr/share/fonts/truetype/freefont/FreeSansBold.ttf",
    "/usr/share/fonts/truetype/freefont/FreeMonoBold.ttf",
    "/usr/share/fonts/truetype/roboto/unhinted/RobotoTTF/Roboto-Bold.ttf",
    "/usr/share/fonts/truetype/roboto/unhinted/RobotoCondensed-Bold.ttf",
    "/usr/share/fonts/opentype/urw-base35/NimbusSansNarrow-Bold.otf",
    "/usr/share/fonts/opentype/urw-base35/NimbusSans-Bold.otf",
    "/usr/share/fonts/opentype/urw-base35/URWGothic-Demi.otf",
];

/// Loads every font of [`FONT_FILES`] that is installed, with the list of names loaded. Errors
/// when none is: a renderer without fonts cannot draw a plate.
pub fn load_fonts() -> Result<(Vec<FontVec>, Vec<String>)> {
    let mut fonts = Vec::new();
    let mut names = Vec::new();
    for path in FONT_FILES {
        let Ok(bytes) = std::fs::read(path) else { continue };
        if let Ok(f) = FontVec::try_from_vec(bytes) {
            fonts.push(f);
            names.push(path.rsplit('/').next().unwrap_or(path).to_string());
        }
    }
    if fonts.is_empty() {
        return Err(Error::new(ErrorKind::NotFound, "no fonts found for the plate renderer: run deploy/setup.sh (fonts-dejavu-core and others)"));
    }
    Ok((fonts, names))
}
