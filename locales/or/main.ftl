# ବଟ୍‌ର ଉତ୍ତର (ଓଡ଼ିଆ)। ପ୍ରତ୍ୟେକ id locales/en/main.ftl ରେ ମଧ୍ୟ ରହିବା ଆବଶ୍ୟକ।
# ବଟନ୍ ନାମ (btn-*) 20 ଅକ୍ଷର ଓ ତାଲିକା ଧାଡ଼ି 24 ଅକ୍ଷର ଭିତରେ ରହିବ: ଗୋଟିଏ ପରୀକ୍ଷା ଏହା ଯାଞ୍ଚ କରେ।

language-question = ଆପଣ କେଉଁ ଭାଷାରେ କଥା ହେବାକୁ ଚାହାଁନ୍ତି?
language-name = ଓଡ଼ିଆ
language-changed = ଠିକ୍ ଅଛି, ଏଣିକି ମୁଁ ଓଡ଼ିଆରେ ଉତ୍ତର ଦେବି।
welcome = ନମସ୍କାର! ମୁଁ ଓଡ଼ିଶା ନାଗରିକ ସେବା ସହାୟକ। ଆପଣଙ୍କୁ କ’ଣ ଦରକାର ନିଜ ଭାଷାରେ ଲେଖନ୍ତୁ — ଯେପରି “ଆୟ ପ୍ରମାଣପତ୍ର” ବା “ବାପା ଚାଲିଗଲେ, ଉତ୍ତରାଧିକାରୀ ପ୍ରମାଣପତ୍ର ଦରକାର” — କିମ୍ବା ଭଏସ୍ ନୋଟ୍ ପଠାନ୍ତୁ, ବା ମେନୁ ଖୋଲନ୍ତୁ।
error-generic = କ୍ଷମା କରିବେ, ଆମ ପଟେ କିଛି ଅସୁବିଧା ହେଲା। ଆପଣଙ୍କ ପୂର୍ବ ଉତ୍ତର ସୁରକ୍ଷିତ ଅଛି। ଦୟାକରି ବାର୍ତ୍ତାଟି ପୁଣି ପଠାନ୍ତୁ।

btn-menu = ମେନୁ
btn-apply = ଆବେଦନ କରନ୍ତୁ
btn-apply-other = ଏଥିପାଇଁ ଆବେଦନ
btn-yes = ହଁ
btn-no = ନାହିଁ
btn-continue-short = ଜାରି
btn-continue = ଜାରି ରଖନ୍ତୁ
btn-cancel = ବାତିଲ
btn-confirm = ନିଶ୍ଚିତ କରନ୍ତୁ
btn-edit = ସଂଶୋଧନ
btn-skip = ଛାଡ଼ନ୍ତୁ
btn-help = ସାହାଯ୍ୟ
btn-human = ଲୋକଙ୍କ ସହ କଥା
btn-my-applications = ମୋ ଆବେଦନ
choose-button = ବାଛନ୍ତୁ
menu-button = ବିଭାଗ
services-button = ସେବା
edit-button = ବିବରଣୀ
row-more = ଆହୁରି…
row-none-of-these = ଏଥିରୁ କୌଣସିଟି ନୁହେଁ

menu-text = ଗୋଟିଏ ବିଭାଗ ବାଛନ୍ତୁ, କିମ୍ବା ଆପଣଙ୍କୁ କ’ଣ ଦରକାର ସିଧାସଳଖ ଲେଖନ୍ତୁ।
department-services = { $department }: ଗୋଟିଏ ସେବା ବାଛନ୍ତୁ।
card-documents = ଦରକାରୀ କାଗଜପତ୍ର:
card-no-documents = ଏହି ସେବା ପାଇଁ କୌଣସି କାଗଜପତ୍ର ତାଲିକାଭୁକ୍ତ ନାହିଁ।
card-uncertain = (ଅଫିସରେ ନିଶ୍ଚିତ କରନ୍ତୁ)
card-time-limit = ଓଡ଼ିଶା ଲୋକସେବା ଅଧିକାର ଆଇନରେ ସମୟସୀମା: { $days } ଦିନ।
card-time-limit-unknown = ଏହି ସେବାର ସମୟସୀମା ଏପର୍ଯ୍ୟନ୍ତ ବିଜ୍ଞପ୍ତି ହୋଇନାହିଁ।
card-officer = ଦାୟିତ୍ୱପ୍ରାପ୍ତ ଅଧିକାରୀ: { $officer }

ambiguous-question = ଏଥିରୁ କେଉଁଟି ଆପଣଙ୍କୁ ଦରକାର?
did-you-mean = ଆପଣ କ’ଣ *{ $service }* କଥା କହୁଛନ୍ତି?
rephrase = କ୍ଷମା କରିବେ, ମୁଁ ଭୁଲ ବୁଝିଲି। ଦୟାକରି ଅନ୍ୟ ଶବ୍ଦରେ ପୁଣି କୁହନ୍ତୁ, କିମ୍ବା ମେନୁରୁ ବାଛନ୍ତୁ।
out-of-scope = ମୁଁ ଓଡ଼ିଶା ସରକାରଙ୍କ ସେବାରେ ସାହାଯ୍ୟ କରିପାରିବି: ପ୍ରମାଣପତ୍ର, ଲାଇସେନ୍ସ, ପଞ୍ଜୀକରଣ, ଭତ୍ତା ଓ କଲ୍ୟାଣ ଯୋଜନା। କେଉଁ ସେବା ଦରକାର ଲେଖନ୍ତୁ, କିମ୍ବା ମେନୁ ଖୋଲନ୍ତୁ।
nothing-to-confirm = ହଁ ବା ନାହିଁ ପାଇଁ କିଛି ଅପେକ୍ଷାରେ ନାହିଁ। ଆପଣ କ’ଣ କରିବାକୁ ଚାହାଁନ୍ତି?
nothing-to-cancel = କୌଣସି ଆବେଦନ ଚାଲିନାହିଁ। ଆପଣ କ’ଣ କରିବାକୁ ଚାହାଁନ୍ତି?
what-next = ଏହା ପରେ ଆପଣ କ’ଣ କରିବାକୁ ଚାହାଁନ୍ତି?
thanks-reply = ଆପଣଙ୍କୁ ସ୍ୱାଗତ! 🙏
help-text = ଆପଣଙ୍କୁ କ’ଣ ଦରକାର ନିଜ ଭାଷାରେ ଲେଖନ୍ତୁ (ଯେପରି “ଜନ୍ମ ପ୍ରମାଣପତ୍ର” ବା “ବାର୍ଦ୍ଧକ୍ୟ ଭତ୍ତା”), କିମ୍ବା ଭଏସ୍ ନୋଟ୍ ପଠାନ୍ତୁ। ଆବେଦନ ଭିତରେ ଯେକୌଣସି ସମୟରେ “ବାତିଲ”, “ମେନୁ”, “ଭାଷା ବଦଳାନ୍ତୁ” ବା “ସ୍ଥିତି” ଲେଖିପାରିବେ, ଏବଂ ଭୁଲ ଉତ୍ତର ସୁଧାରିବାକୁ କ’ଣ ଭୁଲ ତାହା କୁହନ୍ତୁ (“ନା, ମୋ ଜିଲ୍ଲା ପୁରୀ”)।
human-handover = ଜଣେ ଲୋକଙ୍କ ସହ କଥା ହେବାକୁ, ନିକଟସ୍ଥ ମୋ ସେବା କେନ୍ଦ୍ର କିମ୍ବା ଦାୟିତ୍ୱପ୍ରାପ୍ତ ଅଧିକାରୀଙ୍କ ({ $officer }) କାର୍ଯ୍ୟାଳୟକୁ ଯାଆନ୍ତୁ। ଆପଣ କହିଥିବା ସବୁ ମୁଁ ସାଇତି ରଖିଛି, ଯେକୌଣସି ସମୟରେ ଏଠାରେ ଜାରି ରଖିପାରିବେ।
restarted = ନୂଆ କରି ଆରମ୍ଭ କରୁଛି। କିଛି ଦାଖଲ ହୋଇନାହିଁ।
stale-button = ସେହି ବଟନ୍‌ଟି ପୂର୍ବ ବାର୍ତ୍ତାର।
unsupported-message = କ୍ଷମା କରିବେ, ମୁଁ କେବଳ ଲେଖା, ଭଏସ୍ ନୋଟ୍, ବଟନ୍ ଓ ଲୋକେସନ୍ ପଢ଼ିପାରେ।
media-not-needed = ଧନ୍ୟବାଦ, ଫାଇଲଟି ମିଳିଲା। ଏହି ଆବେଦନ ପାଇଁ ଏଠାରେ କାଗଜପତ୍ର ଦରକାର ନାହିଁ: ଅଫିସ କହିଲେ ସେଠାକୁ ନେଇଯିବେ।
location-not-needed = ଲୋକେସନ୍ ପାଇଁ ଧନ୍ୟବାଦ। ଠିକଣା ପଚାରିଲେ ହିଁ ଏହା ଦରକାର।

form-start = ଚାଲନ୍ତୁ *{ $service }* ପାଇଁ ଆବେଦନ କରିବା। ମୁଁ { $count }ଟି ଛୋଟ ପ୍ରଶ୍ନ ପଚାରିବି। ଯେକୌଣସି ସମୟରେ “ବାତିଲ” ଲେଖିପାରିବେ।
form-prefilled = ମୁଁ ପୂର୍ବରୁ ଲେଖି ରଖିଛି: { $values }
form-pending = *{ $service }* ପାଇଁ ଆପଣଙ୍କ ଆବେଦନ ଏବେବି ଖୋଲା ଅଛି।
optional-hint = (ଇଚ୍ଛାଧୀନ — ଛାଡ଼ିପାରିବେ)
resume-offer = *{ $service }* ପାଇଁ ଆପଣଙ୍କର ଏକ ଅଧାଗଢ଼ା ଆବେଦନ ଅଛି। ଏହାକୁ ଜାରି ରଖିବେ କି?
resumed = *{ $service }* ପାଇଁ ଆପଣଙ୍କ ଆବେଦନ ଜାରି ରଖୁଛି।
digression-offer = *{ $current }* ପାଇଁ ଆପଣଙ୍କ ଆବେଦନ ସାଇତା ହୋଇ ରହିଛି। ଏବେ *{ $other }* ପାଇଁ ଆବେଦନ କରିବେ, ନା ପୂର୍ବଟି ଜାରି ରଖିବେ?
cancelled = *{ $service }* ପାଇଁ ଆପଣଙ୍କ ଆବେଦନ ବାତିଲ ହେଲା। କିଛି ଦାଖଲ ହୋଇନାହିଁ।
field-changed = ବଦଳାଗଲା: { $field } ଏବେ { $value }।
edit-which = କେଉଁ ବିବରଣୀ ବଦଳାଇବାକୁ ଚାହାଁନ୍ତି?
confirm-summary = *{ $service }* ପାଇଁ ଆପଣଙ୍କ ଆବେଦନ ଯାଞ୍ଚ କରନ୍ତୁ:
    { $summary }
    ସବୁ ଠିକ୍ ଅଛି କି?
submitted = ✅ *{ $service }* ପାଇଁ ଆପଣଙ୍କ ଆବେଦନ ଦାଖଲ ହେଲା।
    ରେଫରେନ୍ସ ନମ୍ବର: *{ $reference }*
    ନିଷ୍ପତ୍ତିର ଶେଷ ତାରିଖ: { $due } (ଲୋକସେବା ଅଧିକାର ସମୟସୀମା { $days } ଦିନ)
    ଦାୟିତ୍ୱପ୍ରାପ୍ତ ଅଧିକାରୀ: { $officer }
    ଯେକୌଣସି ସମୟରେ ସ୍ଥିତି ଜାଣିବାକୁ “status { $reference }” ପଠାନ୍ତୁ।
too-many-failures = ତିନି ଥର ଚେଷ୍ଟା ପରେ ବି { $field } ପଢ଼ିପାରିଲି ନାହିଁ। ସାହାଯ୍ୟ ମାଗିପାରିବେ, କିମ୍ବା ବାତିଲ କରିପାରିବେ।
reask-1 = ଦୟାକରି ପୁଣି ଚେଷ୍ଟା କରନ୍ତୁ:
reask-2 = ଆଉ ଥରେ ଚେଷ୍ଟା କରିବା:
voice-read-back = ମୁଁ { $field } ଶୁଣିଲି: *{ $value }*। ଏହା ଠିକ୍ କି?
voice-say-again = ଦୟାକରି ଧୀରେ ପୁଣି କୁହନ୍ତୁ, କିମ୍ବା ଲେଖନ୍ତୁ।

invalid-name = ଏହା ନାମ ପରି ଲାଗୁନାହିଁ। ଦୟାକରି କେବଳ ଅକ୍ଷରରେ ନାମ ଲେଖନ୍ତୁ।
invalid-too-short = { $field } ପାଇଁ ଏହା ବହୁତ ଛୋଟ: ଅତି କମରେ { $min }ଟି ଅକ୍ଷର ଲେଖନ୍ତୁ।
invalid-too-long = { $field } ପାଇଁ ଏହା ବହୁତ ଲମ୍ବା: { $max } ଅକ୍ଷର ଭିତରେ ରଖନ୍ତୁ।
invalid-identifier = { $field }ରେ କେବଳ ଅକ୍ଷର, ସଂଖ୍ୟା, “/” ଓ “-” ରହିପାରିବ।
invalid-identifier-length = { $field } { $min }ରୁ { $max } ଅକ୍ଷର ଲମ୍ବା ହେବା ଉଚିତ।
invalid-date = ମୁଁ ତାରିଖ ପଢ଼ିପାରିଲି ନାହିଁ। ଦୟାକରି { $example } ପରି ଲେଖନ୍ତୁ।
invalid-date-future = ଏହି ତାରିଖ ଭବିଷ୍ୟତର। { $field } ଅତୀତର ତାରିଖ ହେବା ଦରକାର, ଯେପରି { $example }।
invalid-aadhaar-length = ଆଧାର ନମ୍ବରରେ 12ଟି ଅଙ୍କ ଥାଏ; ଆପଣ { $count }ଟି ପଠାଇଛନ୍ତି। ଦୟାକରି ଯାଞ୍ଚ କରି 12ଟି ଅଙ୍କ ପଠାନ୍ତୁ।
invalid-aadhaar-checksum = ଏହା ସଠିକ୍ ଆଧାର ନମ୍ବର ନୁହେଁ (ଯାଞ୍ଚ ଅଙ୍କ ମେଳ ଖାଉନାହିଁ)। ଦୟାକରି ଆଧାର କାର୍ଡରେ ନମ୍ବରଟି ଦେଖନ୍ତୁ।
invalid-mobile = ଦୟାକରି 6, 7, 8 ବା 9ରେ ଆରମ୍ଭ ହେଉଥିବା 10 ଅଙ୍କର ମୋବାଇଲ ନମ୍ବର ପଠାନ୍ତୁ, ଯେପରି { $example }।
invalid-pin = ପିନ୍ କୋଡ୍‌ରେ 6ଟି ଅଙ୍କ ଥାଏ, ଯେପରି { $example }।
invalid-pin-not-odisha = ଏହି ପିନ୍ କୋଡ୍ ଓଡ଼ିଶା ବାହାରର। ଓଡ଼ିଶାର ପିନ୍ କୋଡ୍ 75, 76 ବା 77ରେ ଆରମ୍ଭ ହୁଏ, ଯେପରି { $example }।
invalid-number = ଦୟାକରି ଗୋଟିଏ ସଂଖ୍ୟା ପଠାନ୍ତୁ, ଯେପରି { $example }।
invalid-amount = ଦୟାକରି ଟଙ୍କା ପରିମାଣ ପଠାନ୍ତୁ, ଯେପରି { $example }।
invalid-range = ଦୟାକରି { $min } ଓ { $max } ମଧ୍ୟରେ ଗୋଟିଏ ସଂଖ୍ୟା ପଠାନ୍ତୁ।
invalid-year = ଦୟାକରି 1950 ଓ { $max } ମଧ୍ୟରେ ଗୋଟିଏ ବର୍ଷ ପଠାନ୍ତୁ, ଯେପରି { $example }।
invalid-yes-no = ଦୟାକରି ହଁ ବା ନାହିଁ କୁହନ୍ତୁ।
invalid-choice = ଦୟାକରି ବିକଳ୍ପଗୁଡ଼ିକରୁ ଗୋଟିଏ ବାଛନ୍ତୁ।
invalid-district = ଓଡ଼ିଶାରେ ସେହି ଜିଲ୍ଲା ପାଇଲି ନାହିଁ। ତାଲିକାରୁ ବାଛନ୍ତୁ କିମ୍ବା ନାମ ଲେଖନ୍ତୁ, ଯେପରି { $example }।
invalid-block = ଆପଣଙ୍କ ଜିଲ୍ଲାରେ ସେହି ବ୍ଲକ୍ ପାଇଲି ନାହିଁ। ତାଲିକାରୁ ବାଛନ୍ତୁ କିମ୍ବା ନାମ ଲେଖନ୍ତୁ।
invalid-email = ଏହା ଇମେଲ୍ ଠିକଣା ପରି ଲାଗୁନାହିଁ, ଯେପରି { $example }।
invalid-ifsc = IFSC କୋଡ୍‌ରେ 11ଟି ଅକ୍ଷର ଥାଏ, ଯେପରି { $example }।
invalid-vehicle-number = ଦୟାକରି ଗାଡ଼ି ନମ୍ବର { $example } ପରି ପଠାନ୍ତୁ।
invalid-bank-account = ବ୍ୟାଙ୍କ ଖାତା ନମ୍ବରରେ 9ରୁ 18ଟି ଅଙ୍କ ଥାଏ।

example-name = ସୁଶ୍ରୀ ଦାସ
example-text = ଭୁବନେଶ୍ୱର
example-address = ପ୍ଲଟ 12, ସହିଦ ନଗର, ଭୁବନେଶ୍ୱର
example-identifier = ABC/123/2024
example-date = 15/08/1990
example-aadhaar = 1234 5678 9012
example-mobile = 9876543210
example-pin = 751001
example-number = 3
example-amount = 120000
example-year = 2022
example-yes_no = ହଁ
example-choice = 1
example-district = କଟକ
example-block = ନିଆଳି
example-email = name@example.com
example-ifsc = SBIN0001234
example-vehicle_number = OD02AB1234
example-bank_account = 12345678901

status-line = { $reference }: { $service }
    ସ୍ଥିତି: { $status }। ନିଷ୍ପତ୍ତିର ଶେଷ ତାରିଖ { $due }।
status-not-found = ଆପଣଙ୍କ ଆବେଦନ ମଧ୍ୟରେ { $reference } ପାଇଲି ନାହିଁ। ଦୟାକରି ରେଫରେନ୍ସ ନମ୍ବର ଯାଞ୍ଚ କରନ୍ତୁ।
status-none = ଆପଣଙ୍କର ଏପର୍ଯ୍ୟନ୍ତ କୌଣସି ଆବେଦନ ନାହିଁ।
my-applications = ଆପଣଙ୍କ ଆବେଦନ:
status-submitted = ଦାଖଲ ହୋଇଛି
status-in_review = ଯାଞ୍ଚ ଚାଲିଛି
status-approved = ମଞ୍ଜୁର ହୋଇଛି
status-rejected = ନାମଞ୍ଜୁର ହୋଇଛି
officer-unknown = ସମ୍ପୃକ୍ତ କାର୍ଯ୍ୟାଳୟ
welcome-short = ନମସ୍କାର! 🙏
form-kept = *{ $service }* ପାଇଁ ଆପଣଙ୍କ ଆବେଦନ ସାଇତା ହୋଇ ରହିଛି: ସେଥିକୁ ଫେରିବାକୁ “ଜାରି ରଖନ୍ତୁ” ଦବାନ୍ତୁ।
page-next = ପରବର୍ତ୍ତୀ: ପୃଷ୍ଠା { $page } / { $pages }
submitted-no-limit = ✅ *{ $service }* ପାଇଁ ଆପଣଙ୍କ ଆବେଦନ ଦାଖଲ ହେଲା।
    ରେଫରେନ୍ସ ନମ୍ବର: *{ $reference }*
    ଦାୟିତ୍ୱପ୍ରାପ୍ତ ଅଧିକାରୀ: { $officer }
    ଯେକୌଣସି ସମୟରେ ସ୍ଥିତି ଜାଣିବାକୁ “status { $reference }” ପଠାନ୍ତୁ।
status-line-no-due = { $reference }: { $service }
    ସ୍ଥିତି: { $status }।
