//! Closed sets of named values (tracks, kinds, sources): each is an enum
//! whose variants have one spelling, used in files, the CLI and JSON alike.

/// Declares an enum of named values with `ALL`, `parse` (naming the field
/// and the allowed values on error), `as_str`, `Display`, `Serialize` and `Deserialize`.
macro_rules! named_enum {
    ($(#[$meta:meta])* $vis:vis enum $name:ident { $($(#[$vmeta:meta])* $variant:ident = $text:tt),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        #[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
        $vis enum $name {
            // The schema spells each value as `Serialize` below does.
            $($(#[$vmeta])* #[cfg_attr(feature = "schema", serde(rename = $text))] $variant),+
        }

        impl $name {
            pub const ALL: &'static [&'static str] = &[$($text),+];
            /// Every value, in the order declared.
            pub const VALUES: &'static [Self] = &[$(Self::$variant),+];

            /// Parses a value given by a user; the error names `field`.
            pub fn parse(field: &str, s: &str) -> Result<Self, $crate::error::InvalidValue> {
                match s {
                    $($text => Ok(Self::$variant),)+
                    _ => Err($crate::error::InvalidValue::one_of(field, s, Self::ALL.iter().copied())),
                }
            }

            pub fn as_str(self) -> &'static str {
                match self {
                    $(Self::$variant => $text),+
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        // Read back from files leap wrote (an export); the caller's error
        // path names the field.
        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
                Self::parse("value", &s).map_err(serde::de::Error::custom)
            }
        }
    };
}

pub(crate) use named_enum;
