use std::path::Path;

use geo::{Contains, Coord, MultiPolygon, Point, Polygon};

use crate::error::{Error, ErrorKind, Result};

/// A zone's area: the polygons of a GeoJSON file (a FeatureCollection, a Feature or a bare
/// geometry; Polygon and MultiPolygon geometries count, others are refused).
#[derive(Debug, Clone)]
pub struct Zone {
    /// The zone's name.
    pub id: String,
    area: MultiPolygon<f64>,
}

impl Zone {
    /// Reads and parses `path`.
    pub fn load(id: &str, path: &Path) -> Result<Self> {
        let text = std::fs::read_to_string(path).map_err(|e| Error::new(ErrorKind::InvalidArgument, format!("zone {id}: cannot read {}: {e}", path.display())))?;
        Self::parse(id, &text).map_err(|e| Error::new(ErrorKind::InvalidArgument, format!("zone {id} ({}): {e}", path.display())))
    }

    /// Parses GeoJSON text.
    pub fn parse(id: &str, text: &str) -> std::result::Result<Self, String> {
        let gj: geojson::GeoJson = text.parse().map_err(|e| format!("not GeoJSON: {e}"))?;
        let collection: geo::GeometryCollection<f64> = geo::GeometryCollection::try_from(&gj).map_err(|e| format!("unusable geometry: {e}"))?;
        let mut polygons: Vec<Polygon<f64>> = Vec::new();
        for g in collection {
            match g {
                geo::Geometry::Polygon(p) => polygons.push(p),
                geo::Geometry::MultiPolygon(m) => polygons.extend(m),
                other => return Err(format!("only Polygon and MultiPolygon geometries make a zone, found {}", kind(&other))),
            }
        }
        if polygons.is_empty() {
            return Err("no polygon".into());
        }
        let bad = polygons.iter().flat_map(|p| p.exterior().coords()).find(|c| !(-90.0..=90.0).contains(&c.y) || !(-180.0..=180.0).contains(&c.x));
        if let Some(c) = bad {
            return Err(format!("coordinate ({}, {}) is not [lon, lat] in degrees", c.x, c.y));
        }
        Ok(Self { id: id.into(), area: MultiPolygon(polygons) })
    }

    /// Whether the point is inside (the boundary counts as outside).
    pub fn contains(&self, lat: f64, lon: f64) -> bool {
        self.area.contains(&Point(Coord { x: lon, y: lat }))
    }
}

fn kind(g: &geo::Geometry<f64>) -> &'static str {
    match g {
        geo::Geometry::Point(_) => "Point",
        geo::Geometry::LineString(_) | geo::Geometry::Line(_) => "LineString",
        geo::Geometry::MultiPoint(_) => "MultiPoint",
        geo::Geometry::MultiLineString(_) => "MultiLineString",
        _ => "another geometry",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SQUARE: &str = r#"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},
        "geometry":{"type":"Polygon","coordinates":[[[72.80,19.00],[72.81,19.00],[72.81,19.01],[72.80,19.01],[72.80,19.00]]]}}]}"#;

    #[test]
    fn a_feature_collection_polygon_contains_its_inside_only() {
        let z = Zone::parse("z", SQUARE).unwrap();
        assert!(z.contains(19.005, 72.805));
        assert!(!z.contains(19.02, 72.805));
        assert!(!z.contains(19.005, 72.79));
    }

    #[test]
    fn lines_and_garbage_are_refused_with_the_reason() {
        let line = r#"{"type":"LineString","coordinates":[[72.8,19.0],[72.81,19.0]]}"#;
        assert!(Zone::parse("z", line).unwrap_err().contains("found LineString"));
        assert!(Zone::parse("z", "{").unwrap_err().starts_with("not GeoJSON"));
        let swapped = r#"{"type":"Polygon","coordinates":[[[19.0,172.8],[19.1,172.8],[19.1,172.9],[19.0,172.8]]]}"#;
        assert!(Zone::parse("z", swapped).unwrap_err().contains("not [lon, lat]"));
    }
}
