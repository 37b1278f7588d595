# Replies of the bot (English). Every id here must also exist in locales/or/main.ftl.
# Button titles (btn-*) must fit in 20 characters, row titles in 24: a test checks them.

language-question = Which language do you prefer?
language-name = English
language-changed = OK, I will reply in English from now on.
welcome = Namaskar! I am the Odisha citizen-services assistant. Tell me what you need in your own words — for example “income certificate” or “my father died, I need a legal heir certificate” — or send a voice note, or open the menu.
error-generic = Sorry, something went wrong on our side. Your earlier answers are safe. Please send your message again.

btn-menu = Menu
btn-apply = Apply
btn-apply-other = Apply for this
btn-yes = Yes
btn-no = No
btn-continue-short = continue
btn-continue = Continue
btn-cancel = Cancel
btn-confirm = Confirm
btn-edit = Edit
btn-skip = Skip
btn-help = Help
btn-human = Talk to a person
btn-my-applications = My applications
choose-button = Choose
menu-button = Departments
services-button = Services
edit-button = Details
row-more = More…
row-none-of-these = None of these

menu-text = Choose a department, or simply type what you need.
department-services = { $department }: choose a service.
card-documents = Documents you need:
card-no-documents = No documents are listed for this service.
card-uncertain = (to be confirmed at the office)
card-time-limit = Time limit under ORTPSA: { $days } days.
card-time-limit-unknown = The time limit for this service is not notified yet.
card-officer = Designated officer: { $officer }

ambiguous-question = Which of these do you need?
did-you-mean = Did you mean *{ $service }*?
rephrase = Sorry I got that wrong. Please tell me again in other words, or choose from the menu.
out-of-scope = I can help with Odisha government services: certificates, licences, registrations, pensions and welfare schemes. Tell me which service you need, or open the menu.
out-of-scope-suggest = I’m not sure I understood. I can help with Odisha government services — did you mean one of these? If not, tell me in other words, or open the menu.
nothing-to-confirm = There is nothing waiting for a yes or no. What would you like to do?
nothing-to-cancel = There is no application in progress. What would you like to do?
what-next = What would you like to do next?
thanks-reply = You are welcome! 🙏
help-text = Type what you need in your own words (for example “birth certificate” or “old age pension”), or send a voice note. During an application you can type “cancel”, “menu”, “change language” or “status” at any time, and correct an answer by saying what is wrong (“no, my district is Puri”). Voice notes are answered with a voice note too; send “text only” to stop that.
human-handover = To talk to a person, please visit your nearest Mo Seba Kendra or the office of the designated officer ({ $officer }). I have kept everything you told me, so you can continue here any time.
restarted = Starting afresh. Nothing was submitted.
stale-button = That button belongs to an earlier message.
unsupported-message = Sorry, I can read text, voice notes, button taps and locations only.
media-not-needed = Thank you, I received the file. This application does not need documents here: please bring them to the office when asked.
location-not-needed = Thank you for the location. I need it only when I ask for an address.

form-start = Let us apply for *{ $service }*. I will ask { $count } short questions. You can type “cancel” at any time.
form-prefilled = I have already noted: { $values }
form-pending = Your application for *{ $service }* is still open.
optional-hint = (optional — you can skip it)
resume-offer = You have an unfinished application for *{ $service }*. Do you want to continue it?
resumed = Continuing your application for *{ $service }*.
digression-offer = Your application for *{ $current }* is kept. Do you want to apply for *{ $other }* now, or continue?
cancelled = Your application for *{ $service }* is cancelled. Nothing was submitted.
field-changed = Changed: { $field } is now { $value }.
edit-which = Which detail do you want to change?
confirm-summary = Please check your application for *{ $service }*:
    { $summary }
    Is everything correct?
submitted = ✅ Your application for *{ $service }* is submitted.
    Reference number: *{ $reference }*
    To be decided by: { $due } (ORTPSA time limit { $days } days)
    Designated officer: { $officer }
    Send “status { $reference }” any time to check it.
too-many-failures = I could not read the { $field } after 3 tries. You can ask for help, or cancel.
reask-1 = Please try again:
reask-2 = Let us try once more:
voice-read-back = I heard { $field }: *{ $value }*. Is that right?
voice-say-again = Please say it again slowly, or type it.

invalid-name = That does not look like a name. Please write the name in letters only.
invalid-too-short = That is too short for the { $field }: please write at least { $min } characters.
invalid-too-long = That is too long for the { $field }: please keep it under { $max } characters.
invalid-identifier = The { $field } can only have letters, digits, “/” and “-”.
invalid-identifier-length = The { $field } should be { $min } to { $max } characters long.
invalid-age-min = By that date of birth the applicant is { $age }. This scheme is for people aged { $min } or more: please check the date, or ask for help.
invalid-age-max = By that date of birth the applicant is { $age }. This scheme is for people up to { $max } years old: please check the date, or ask for help.
invalid-date = I could not read a date there. Please write it like { $example }.
invalid-date-future = That date is in the future. The { $field } must be a past date, like { $example }.
invalid-aadhaar-length = An Aadhaar number has 12 digits; you sent { $count }. Please check and send all 12 digits.
invalid-aadhaar-checksum = That is not a valid Aadhaar number (its check digit does not match). Please check the number on the Aadhaar card.
invalid-mobile = Please send a 10-digit Indian mobile number starting with 6, 7, 8 or 9, like { $example }.
invalid-pin = A PIN code has 6 digits, like { $example }.
invalid-pin-not-odisha = That PIN code is outside Odisha. Odisha PIN codes start with 75, 76 or 77, like { $example }.
invalid-number = Please send a number, like { $example }.
invalid-amount = Please send the amount in rupees, like { $example }.
invalid-range = Please send a number between { $min } and { $max }.
invalid-year = Please send a year between 1950 and { $max }, like { $example }.
invalid-yes-no = Please answer yes or no.
invalid-choice = Please choose one of the options.
invalid-district = I could not find that district in Odisha. Please choose from the list or type its name, like { $example }.
invalid-block = I could not find that block in your district. Please choose from the list or type its name.
invalid-email = That does not look like an email address, like { $example }.
invalid-ifsc = An IFSC code has 11 characters, like { $example }.
invalid-vehicle-number = Please send the registration number like { $example }.
invalid-bank-account = A bank account number has 9 to 18 digits.

example-name = Sushree Das
example-text = Bhubaneswar
example-address = Plot 12, Saheed Nagar, Bhubaneswar
example-identifier = ABC/123/2024
example-date = 15/08/1990
example-aadhaar = 1234 5678 9012
example-mobile = 9876543210
example-pin = 751001
example-number = 3
example-amount = 120000
example-year = 2022
example-yes_no = yes
example-choice = 1
example-district = Cuttack
example-block = Niali
example-email = name@example.com
example-ifsc = SBIN0001234
example-vehicle_number = OD02AB1234
example-bank_account = 12345678901

status-line = { $reference }: { $service }
    Status: { $status }. To be decided by { $due }.
status-not-found = I could not find { $reference } among your applications. Please check the reference number.
status-none = You have no applications yet.
my-applications = Your applications:
status-submitted = Submitted
status-in_review = Under review
status-approved = Approved
status-rejected = Rejected
officer-unknown = the office concerned
welcome-short = Namaskar! 🙏
form-kept = Your application for *{ $service }* is kept: tap Continue to go back to it.
page-next = Next: page { $page } of { $pages }
submitted-no-limit = ✅ Your application for *{ $service }* is submitted.
    Reference number: *{ $reference }*
    Designated officer: { $officer }
    Send “status { $reference }” any time to check it.
status-line-no-due = { $reference }: { $service }
    Status: { $status }.
voice-replies-off = OK, I will answer your voice notes in text only. Send “voice on” to hear my replies again.
voice-replies-on = OK, I will answer your voice notes with a voice note too. Send “text only” to stop.
