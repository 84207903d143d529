package wide

type Any struct {
	// ok: GSL406
	SnakeCase string `json:"snake_case" yaml:"snake-case"`
	// ruleid: GSL406
	CamelCase string `json:"camelCase"`
	// ruleid: GSL406
	Kebab string `yaml:"kebab_case"`
	// ruleid: GSL406
	UserId string `toml:"userId"`
	// ok: GSL406
	UserID string `toml:"userID"`
	// ok: GSL406
	Other string `xml:"AnyThing"`
}
