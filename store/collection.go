package store

// Collection names a collection of the interchange format: its JSON key,
// its table and its entries in the audit log.
type Collection string

// The collections, as the spec names them (staff and responsibility
// records share their names with their record types).
const (
	Enterprises           Collection = "enterprises"
	Surveys               Collection = "surveys"
	Organizations         Collection = "organizations"
	StaffRecords          Collection = "staff"
	Services              Collection = "services"
	Members               Collection = "members"
	Activities            Collection = "activities"
	Platforms             Collection = "platforms"
	Designations          Collection = "designations"
	Brands                Collection = "brands"
	Awards                Collection = "awards"
	ResponsibilityRecords Collection = "responsibility"
)
