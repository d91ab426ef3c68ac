package sandbox

// Word lists the generator draws people from. They are long enough that
// 10,000 users rarely share a name, and plain ASCII so UPNs need no folding.
var (
	firstNames = []string{
		"Aaron", "Abigail", "Adam", "Adrian", "Aisha", "Alan", "Albert", "Alice", "Amara", "Amelia",
		"Amir", "Ana", "Andre", "Andrea", "Angela", "Ann", "Anna", "Anthony", "Arjun", "Astrid",
		"Ben", "Bianca", "Blake", "Bruno", "Camila", "Carlos", "Carmen", "Caroline", "Chen", "Chloe",
		"Chris", "Claire", "Daniel", "Daria", "David", "Deepa", "Diana", "Dmitri", "Elena", "Eli",
		"Elif", "Emma", "Eric", "Erin", "Ethan", "Fatima", "Felix", "Fiona", "Francesca", "Gabriel",
		"Grace", "Hana", "Hannah", "Harper", "Hassan", "Helen", "Hiro", "Ian", "Ines", "Ingrid",
		"Isaac", "Ivan", "Jack", "Jade", "James", "Javier", "Jin", "Joanna", "Jonas", "Jorge",
		"Julia", "Kai", "Karen", "Kenji", "Kevin", "Lara", "Laura", "Leila", "Leo", "Liam",
		"Lin", "Lucas", "Lucia", "Maya", "Marco", "Maria", "Mark", "Mateo", "Mei", "Mia",
		"Michael", "Mila", "Nadia", "Nathan", "Nikhil", "Nina", "Noah", "Nora", "Olga", "Omar",
		"Oscar", "Paolo", "Priya", "Rafael", "Rahul", "Rebecca", "Ren", "Rosa", "Ruth", "Ryan",
		"Samir", "Sara", "Sean", "Sofia", "Stefan", "Tariq", "Tessa", "Thomas", "Uma", "Victor",
		"Wei", "William", "Yara", "Yusuf", "Zara", "Zoe",
	}
	lastNames = []string{
		"Abbott", "Adams", "Ahmed", "Alvarez", "Andersen", "Bailey", "Baker", "Banerjee", "Bauer", "Becker",
		"Bell", "Bennett", "Berg", "Brooks", "Brown", "Byrne", "Campbell", "Carter", "Castro", "Chang",
		"Chen", "Clarke", "Cohen", "Collins", "Cooper", "Costa", "Cruz", "Dahl", "Davies", "Diaz",
		"Dubois", "Edwards", "Eriksson", "Evans", "Fischer", "Fleming", "Flores", "Fontaine", "Foster", "Garcia",
		"Gomez", "Gonzalez", "Gray", "Green", "Gupta", "Hall", "Hansen", "Harris", "Hayes", "Hoffmann",
		"Hughes", "Ibrahim", "Ito", "Jackson", "Jensen", "Johnson", "Jones", "Kaur", "Khan", "Kim",
		"Klein", "Kowalski", "Kumar", "Larsen", "Laurent", "Lee", "Lewis", "Li", "Lindqvist", "Lopez",
		"Martin", "Martinez", "Mehta", "Meyer", "Miller", "Mitchell", "Moreau", "Morgan", "Muller", "Murphy",
		"Nakamura", "Nguyen", "Nielsen", "Novak", "Okafor", "Olsen", "Ortiz", "Park", "Patel", "Perez",
		"Petrov", "Phillips", "Popescu", "Price", "Quinn", "Ramirez", "Reddy", "Reyes", "Richter", "Rivera",
		"Roberts", "Rossi", "Russo", "Sato", "Schmidt", "Schneider", "Shah", "Silva", "Singh", "Smith",
		"Sousa", "Stewart", "Suzuki", "Tanaka", "Taylor", "Thomas", "Turner", "Vargas", "Walker", "Wang",
		"Ward", "Weber", "White", "Williams", "Wilson", "Wong", "Wright", "Yamamoto", "Young", "Zhang",
	}
	// departments and their job titles; Sales is first because the "Sales"
	// group is one of the named examples.
	departments = []department{
		{"Sales", []string{"Account Executive", "Sales Manager", "Sales Representative", "Inside Sales Specialist"}},
		{"Marketing", []string{"Marketing Manager", "Content Strategist", "Brand Designer", "Product Marketing Manager"}},
		{"Engineering", []string{"Software Engineer", "Senior Software Engineer", "Engineering Manager", "Site Reliability Engineer"}},
		{"Finance", []string{"Accountant", "Financial Analyst", "Controller", "Payroll Specialist"}},
		{"Human Resources", []string{"HR Generalist", "Recruiter", "HR Business Partner", "Talent Manager"}},
		{"Legal", []string{"Corporate Counsel", "Paralegal", "Compliance Officer"}},
		{"Operations", []string{"Operations Manager", "Logistics Coordinator", "Facilities Manager"}},
		{"Customer Support", []string{"Support Engineer", "Customer Success Manager", "Support Team Lead"}},
		{"Research", []string{"Research Scientist", "Data Scientist", "Research Director"}},
		{"IT", []string{"Systems Administrator", "Helpdesk Technician", "Network Engineer", "IT Manager"}},
	}
	offices = []string{
		"Redmond 18/2101", "Seattle 2/1204", "London 4/410", "Berlin 1/120", "Paris 3/305",
		"Singapore 12/1201", "Sydney 7/702", "Toronto 5/512", "Bangalore 9/903", "Tokyo 21/2110",
	}
	partnerCompanies = []partner{
		{"Fabrikam", "fabrikam.com"},
		{"Northwind Traders", "northwindtraders.com"},
		{"Tailspin Toys", "tailspintoys.com"},
		{"Litware", "litwareinc.com"},
		{"Adventure Works", "adventure-works.com"},
		{"Wide World Importers", "wideworldimporters.com"},
		{"Woodgrove Bank", "woodgrovebank.com"},
		{"Proseware", "proseware.com"},
	}
	contactTitles = []string{"Account Manager", "Buyer", "Consultant", "Project Lead", "Director", "Sales Engineer"}
)

type department struct {
	name   string
	titles []string
}

type partner struct{ name, domain string }
