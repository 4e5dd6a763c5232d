//! Enums that stay open: the values Leat documents as variants, any other value kept as it
//! came (Leat adds event types, statuses and kinds over time). The enums themselves are
//! generated from the spec into `enums.rs`.

// The invoking module brings `fmt`, `FromStr`, and serde's `Serialize`, `Serializer`,
// `Deserialize` and `Deserializer` into scope (generated `enums.rs` does).

macro_rules! open_enum {
    (
        $(#[$meta:meta])*
        $name:ident { $( $(#[$vmeta:meta])* $variant:ident => $wire:literal, )* }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name {
            $( $(#[$vmeta])* $variant, )*
            /// A value this version of the SDK does not know, kept as Leat sent it.
            Other(String),
        }

        impl $name {
            /// Every value this version of the SDK knows.
            pub const KNOWN: &'static [$name] = &[$($name::$variant),*];

            /// The value as Leat writes it.
            pub fn as_str(&self) -> &str {
                match self {
                    $( $name::$variant => $wire, )*
                    $name::Other(other) => other,
                }
            }

            /// `true` unless this is [`Self::Other`].
            pub fn is_known(&self) -> bool {
                !matches!(self, $name::Other(_))
            }
        }

        impl From<&str> for $name {
            fn from(value: &str) -> Self {
                match value {
                    $( $wire => $name::$variant, )*
                    other => $name::Other(other.to_owned()),
                }
            }
        }

        impl From<String> for $name {
            fn from(value: String) -> Self {
                match $name::from(value.as_str()) {
                    $name::Other(_) => $name::Other(value),
                    known => known,
                }
            }
        }

        impl FromStr for $name {
            type Err = std::convert::Infallible;
            fn from_str(value: &str) -> Result<Self, Self::Err> {
                Ok($name::from(value))
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let value = std::borrow::Cow::<'de, str>::deserialize(deserializer)?;
                Ok($name::from(value.into_owned()))
            }
        }

        impl $crate::from_json::FromJson for $name {
            fn from_json(
                value: &serde_json::Value,
            ) -> Result<Self, $crate::from_json::DecodeError> {
                match value {
                    serde_json::Value::String(text) => Ok($name::from(text.as_str())),
                    other => Err($crate::from_json::DecodeError::new(format!(
                        "expected a {} (text), got {}",
                        stringify!($name),
                        $crate::from_json::describe(other)
                    ))),
                }
            }
        }

        impl $crate::from_json::ToJson for $name {
            fn to_json_value(&self) -> serde_json::Value {
                serde_json::Value::String(self.as_str().to_owned())
            }
        }
    };
}

pub(crate) use open_enum;
