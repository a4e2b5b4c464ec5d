# Writes docs/openapi.json, the OpenAPI 3.1 document the hosts serve at /api/openapi.json.
# Edit here, run `python3 tools/openapi/openapi.py`, and commit both; an API test checks every path is served.
import json
def ref(n): return {"$ref": f"#/components/schemas/{n}"}
def problem_responses(*codes):
    d={}
    for c in codes:
        d[str(c)]={"description": {400:"Validation failure or malformed JSON",404:"Not found (also for another platform's resources)",409:"Conflict with what is stored",413:"Body too large",415:"Not JSON",422:"Idempotency-Key reused with another body, or a rule that cannot be evaluated",503:"Storage unreachable"}[c],
                   "content":{"application/problem+json":{"schema":ref("Problem")}}}
    return d
platform={"$ref":"#/components/parameters/PlatformId"}
idem={"$ref":"#/components/parameters/IdempotencyKey"}
def p(name,desc): return {"name":name,"in":"path","required":True,"schema":{"type":"string","pattern":"^[A-Za-z0-9_-]{1,64}$"},"description":desc}
def body(schema): return {"required":True,"content":{"application/json":{"schema":ref(schema)}}}
def ok(schema,status="200",desc="OK"): return {status:{"description":desc,"content":{"application/json":{"schema":ref(schema)}}}}
paths={}
paths["/api/health"]={"get":{"operationId":"health","summary":"Liveness and storage reachability (no X-Platform-Id needed)","responses":{**ok("Health"),**problem_responses(503)}}}
paths["/api/openapi.json"]={"get":{"operationId":"openApi","summary":"This document","parameters":[platform],"responses":{"200":{"description":"OpenAPI 3 document","content":{"application/json":{}}}}}}
for kind,idn,req in [("merchants","merchantId","MerchantCheckRequest"),("hosts","hostId","HostCheckRequest")]:
    paths[f"/api/{kind}/{{{idn}}}/qualification-checks"]={"post":{"operationId":f"{kind[:-1]}QualificationCheck","summary":f"Check a {kind[:-1]}'s qualification; the decision is stored as its review record","parameters":[platform,idem,p(idn,"The platform's account id")],"requestBody":body(req),"responses":{**ok("Decision"),**problem_responses(400,413,415,422)}}}
    paths[f"/api/{kind}/{{{idn}}}/qualification-checks/{{checkId}}"]={"get":{"operationId":f"{kind[:-1]}QualificationCheckGet","summary":"A stored decision (review record)","parameters":[platform,p(idn,"The platform's account id"),p("checkId","From the decision")],"responses":{**ok("Decision"),**problem_responses(400,404)}}}
    paths[f"/api/{kind}/{{{idn}}}/qualification"]={"get":{"operationId":f"{kind[:-1]}QualificationStanding","summary":"Extension: whether the account may sell live now (latest decision, validUntil, blacklist); REVERIFICATION_DUE once an approval lapses","parameters":[platform,p(idn,"The platform's account id")],"responses":{**ok("Standing"),**problem_responses(400)}}}
paths["/api/blacklist"]={"post":{"operationId":"blacklistAdd","summary":"Blacklist a person or entity on this platform (keyed by a keyed hash, so it follows them across accounts)","parameters":[platform,idem],"requestBody":body("BlacklistRequest"),"responses":{**ok("BlacklistEntry","201","Created"),**problem_responses(400,413,415,422)}}}
paths["/api/negative-lists/{listId}"]={
 "put":{"operationId":"negativeListPut","summary":"Make a new immutable version of a negative list","parameters":[platform,p("listId","The list")],"requestBody":body("NegativeListRequest"),"responses":{**ok("NegativeListVersion"),**problem_responses(400,413,415)}},
 "get":{"operationId":"negativeListGet","summary":"Extension: a list version's metadata (latest, or ?version=N)","parameters":[platform,p("listId","The list"),{"name":"version","in":"query","required":False,"schema":{"type":"integer","minimum":1}}],"responses":{**ok("NegativeListVersion"),**problem_responses(400,404)}}}
paths["/api/product-screenings"]={"post":{"operationId":"productScreening","summary":"Screen up to 10,000 items against a list version; start/length index the original field text in UTF-16 code units","parameters":[platform,idem],"requestBody":body("ProductScreeningRequest"),"responses":{**ok("ProductScreeningResult"),**problem_responses(400,404,413,415,422)}}}
S="string"
def obj(props,req=()):
    return {"type":"object","properties":props,**({"required":list(req)} if req else {})}
date={"type":S,"format":"date","example":"2026-05-01"}
time={"type":S,"format":"date-time","example":"2026-05-01T20:00:00+08:00"}
categories=["general","apparel","electronics","food","prepackaged_food","cosmetics","special_cosmetics","medical_device_class2","medical_device_class3","otc_drugs","publications","prescription_drugs","special_drugs","tobacco","e_cigarettes"]
licences=["food_business_licence","prepackaged_food_filing","cosmetics_filing","special_cosmetics_registration","medical_device_filing","medical_device_business_licence","drug_business_licence","publication_business_licence"]
schemas={
 "Problem":obj({"type":{"type":S},"title":{"type":S},"status":{"type":"integer"},"detail":{"type":S},"code":{"type":S,"description":"Stable UPPER_SNAKE code"},"instance":{"type":S},"traceId":{"type":S},"errors":{"type":"array","items":obj({"field":{"type":S},"code":{"type":S},"message":{"type":S}})}},["title","status","detail","code"]),
 "Health":obj({"status":{"type":S,"enum":["healthy","unhealthy"]},"storage":{"type":S,"enum":["ok","unreachable"]}}),
 "Reason":obj({"code":{"type":S},"message":{"type":S},"field":{"type":S}},["code","message"]),
 "Licence":obj({"type":{"type":S,"enum":licences},"number":{"type":S},"validFrom":date,"validTo":date},["type","number","validFrom","validTo"]),
 "MerchantCheckRequest":obj({"legalName":{"type":S},"creditCode":{"type":S,"description":"GB 32100 unified social credit code"},"legalRepresentative":obj({"name":{"type":S},"idNumber":{"type":S,"description":"GB 11643; never stored raw"}},["name","idNumber"]),"categories":{"type":"array","items":{"type":S,"enum":categories},"maxItems":50},"licences":{"type":"array","items":ref("Licence"),"maxItems":50}},["legalName","creditCode","legalRepresentative","categories"]),
 "HostCheckRequest":obj({"name":{"type":S},"idNumber":{"type":S},"guardianConsent":obj({"guardianName":{"type":S},"guardianIdNumber":{"type":S},"documentRef":{"type":S}}),"isPublicFigure":{"type":"boolean"},"isOverseas":{"type":"boolean"},"professionalFields":{"type":"array","items":obj({"field":{"type":S,"enum":["medical","financial","legal","education"]},"certificateNumber":{"type":[S,"null"]},"validTo":{"type":[S,"null"],"format":"date"}},["field"])},"virtualAvatar":obj({"portraitOwnerConsent":{"type":"boolean"}},["portraitOwnerConsent"])},["name","idNumber"]),
 "Decision":obj({"checkId":{"type":S},"merchantId":{"type":S},"hostId":{"type":S},"decision":{"type":S,"enum":["approved","rejected","manual_review"]},"reasons":{"type":"array","items":ref("Reason")},"warnings":{"type":"array","items":ref("Reason")},"ruleSetVersion":{"type":S},"checkedAt":time,"validUntil":{**time,"description":"Approvals only: the earlier of six months after the check and the first expiry of a licence or certificate relied on"},"subject":{"type":"object","additionalProperties":{"type":S},"description":"Masked identifiers by field"}},["checkId","decision","reasons","ruleSetVersion","checkedAt"]),
 "Standing":obj({"merchantId":{"type":S},"hostId":{"type":S},"status":{"type":S,"enum":["current","lapsed","not_approved","blacklisted","never_checked"]},"checkId":{"type":S},"decision":{"type":S},"checkedAt":time,"validUntil":time,"reasons":{"type":"array","items":ref("Reason")}},["status","reasons"]),
 "BlacklistRequest":obj({"subjectType":{"type":S,"enum":["person","entity"]},"idNumber":{"type":S},"creditCode":{"type":S},"reason":{"type":S},"expiresAt":{**time,"description":"Optional end of the blacklisting (Order 117 art. 14)"}},["subjectType","reason"]),
 "NegativeListRequest":obj({"entries":{"type":"array","maxItems":200000,"items":obj({"term":{"type":"string","maxLength":100},"category":{"type":"string"},"severity":{"type":"string","enum":["prohibited","restricted"]},"requiredLicence":{"type":"string","enum":licences}},["term","category","severity"])}},["entries"]),
 "NegativeListVersion":obj({"listId":{"type":S},"version":{"type":"integer"},"entryCount":{"type":"integer"},"sha256":{"type":S},"createdAt":time},["listId","version"]),
 "ProductScreeningRequest":obj({"listId":{"type":S},"listVersion":{"type":"integer","minimum":1,"description":"Extension: screen against this version instead of the latest"},"merchantId":{"type":S},"items":{"type":"array","maxItems":10000,"items":obj({"sku":{"type":S},"title":{"type":S},"description":{"type":S},"category":{"type":S},"brand":{"type":S}},["sku","title"])}},["listId","items"]),
 "ProductScreeningResult":obj({"listId":{"type":S},"listVersion":{"type":"integer"},"results":{"type":"array","items":obj({"sku":{"type":S},"verdict":{"type":S,"enum":["allowed","prohibited","restricted","review"]},"matches":{"type":"array","items":obj({"term":{"type":S},"category":{"type":S},"field":{"type":S,"enum":["title","description","brand","category"]},"start":{"type":"integer","description":"UTF-16 code units into the original field text"},"length":{"type":"integer"},"matchedText":{"type":S}})}})}}),
 "BlacklistEntry":obj({"blacklistId":{"type":S},"subjectType":{"type":S},"subject":{"type":S,"description":"Masked identifier"},"reason":{"type":S},"blacklistedAt":time,"expiresAt":time}),
}
# Themed event filings, and consumer-dispute evidence intake (extension).
def path_params(*names): return [p(n,{"eventId":"The platform's event id","sessionId":"The platform's live session id","orderId":"The platform's order id","recordId":"The platform's id of the record","kind":"The kind of record"}[n]) for n in names]
year_param={"name":"year","in":"path","required":True,"schema":{"type":S,"pattern":"^[0-9]{4}$"},"description":"2000-2100"}
paths["/api/calendars/cn/{year}"]={
 "put":{"operationId":"calendarYearPut","summary":"Load or replace one year of the official holiday schedule, for the calling platform only (2024-2026 are built in)","parameters":[platform,year_param],"requestBody":body("CalendarYearRequest"),"responses":{**ok("CalendarYear"),**problem_responses(400,413,415)}},
 "get":{"operationId":"calendarYearGet","summary":"Extension: a year of the platform's calendar (built in or loaded); 404 CALENDAR_NOT_PUBLISHED","parameters":[platform,year_param],"responses":{**ok("CalendarYear"),**problem_responses(400,404)}}}
paths["/api/events/{eventId}/filings"]={
 "post":{"operationId":"filingCreate","summary":"Record an event's filing: deadline (14 working days strictly between it and the event day), reminders, advance reports; 422 CALENDAR_NOT_PUBLISHED with missingYears; 409 FILING_EXISTS","parameters":[platform,idem,*path_params("eventId")],"requestBody":body("FilingRequest"),"responses":{**ok("Filing","201","Created"),**problem_responses(400,409,413,415,422)}},
 "get":{"operationId":"filingGet","summary":"The filing, its status judged now (late from midnight after the deadline)","parameters":[platform,*path_params("eventId")],"responses":{**ok("Filing"),**problem_responses(404)}}}
paths["/api/events/{eventId}/filings/receipt"]={"post":{"operationId":"filingReceipt","summary":"Record the authority's receipt: filed, or filed_late by submittedAt's Asia/Shanghai date","parameters":[platform,idem,*path_params("eventId")],"requestBody":body("ReceiptRequest"),"responses":{**ok("Filing"),**problem_responses(400,404,409,413,415,422)}}}
for folder,idn,kinds in [("live-sessions","sessionId",["recording","interaction_log","product_claims","correction"]),("orders","orderId",["page_snapshot","order","payment","logistics","return","after_sales","customer_service"])]:
    timeline="SessionEvidence" if idn=="sessionId" else "OrderEvidence"
    paths[f"/api/{folder}/{{{idn}}}/evidence"]={
     "put":{"operationId":f"{timeline[0].lower()+timeline[1:]}Put","summary":"Extension: set the facts retention runs from (fields sent are set; anchors only move later; 409 EVIDENCE_TIMELINE_CONFLICT)","parameters":[platform,*path_params(idn)],"requestBody":body(timeline+"Request"),"responses":{**ok(timeline),**problem_responses(400,409,413,415)}},
     "get":{"operationId":f"{timeline[0].lower()+timeline[1:]}Get","summary":"Extension: the timeline and every record pushed, with retention; 404 EVIDENCE_NOT_FOUND","parameters":[platform,*path_params(idn)],"responses":{**ok(timeline),**problem_responses(404)}}}
    kind_param={"name":"kind","in":"path","required":True,"schema":{"type":S,"enum":kinds}}
    paths[f"/api/{folder}/{{{idn}}}/evidence/{{kind}}/{{recordId}}"]={"put":{"operationId":f"{timeline[0].lower()+timeline[1:]}RecordPut","summary":"Extension: push a record's content (create-only; same content again is 200, other content 409 EVIDENCE_RECORD_EXISTS)","parameters":[platform,*path_params(idn),kind_param,*path_params("recordId"),
       {"name":"Evidence-Start","in":"header","required":False,"schema":time,"description":"Start of the stretch of the live the record covers (required for recording and interaction_log)"},
       {"name":"Evidence-End","in":"header","required":False,"schema":time,"description":"End of that stretch (required for recording and interaction_log)"},
       {"name":"Content-Digest","in":"header","required":False,"schema":{"type":S,"example":"sha-256=:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=:"},"description":"RFC 9530; a body that does not match is 400 DIGEST_MISMATCH"}],
     "requestBody":{"required":True,"content":{"*/*":{"schema":{"type":S,"format":"binary","maxLength":64*1024*1024}}}},
     "responses":{**ok("EvidenceRecord","201","Stored"),**ok("EvidenceRecord","200","Already stored with the same content"),**problem_responses(400,409,413)}}}
datelist={"type":"array","items":date,"maxItems":366}
schemas.update({
 "CalendarYearRequest":obj({"holidays":datelist,"makeUpWorkdays":datelist},["holidays","makeUpWorkdays"]),
 "CalendarYear":obj({"year":{"type":"integer"},"holidays":datelist,"makeUpWorkdays":datelist,"workingDays":{"type":"integer"},"source":{"type":S,"enum":["builtin","loaded"]},"loadedAt":time},["year","holidays","makeUpWorkdays","workingDays","source"]),
 "EventGuest":obj({"name":{"type":S,"maxLength":100},"isPublicFigure":{"type":"boolean"},"isOverseas":{"type":"boolean"}},["name","isPublicFigure","isOverseas"]),
 "FilingRequest":obj({"name":{"type":S,"maxLength":200},"startsAt":time,"guests":{"type":"array","items":ref("EventGuest"),"maxItems":100},"hostIds":{"type":"array","items":{"type":S,"pattern":"^[A-Za-z0-9_-]{1,64}$"},"minItems":1,"maxItems":50},"content":{"type":"object"},"settings":{"type":"object"}},["name","startsAt","guests","hostIds","content","settings"]),
 "Filing":obj({"eventId":{"type":S},"name":{"type":S},"startsAt":time,"filingDeadline":date,"status":{"type":S,"enum":["open","late","filed","filed_late"]},"receipt":obj({"receiptNumber":{"type":S},"submittedAt":time,"recordedAt":time}),"reminders":{"type":"array","items":date,"description":"Dates with 5, 2 and 0 working days left"},"advanceReports":{"type":"array","items":obj({"guestName":{"type":S},"reason":{"type":S,"enum":["public_figure","overseas"]},"dueBy":date})},"guests":{"type":"array","items":ref("EventGuest")},"hostIds":{"type":"array","items":{"type":S}},"content":{"type":"object"},"settings":{"type":"object"},"createdAt":time},["eventId","filingDeadline","status","reminders","advanceReports"]),
 "ReceiptRequest":obj({"receiptNumber":{"type":S,"maxLength":100},"submittedAt":time},["receiptNumber","submittedAt"]),
 "EvidenceRecord":obj({"kind":{"type":S},"recordId":{"type":S},"sha256":{"type":S,"pattern":"^[0-9a-f]{64}$"},"size":{"type":"integer"},"contentType":{"type":S},"start":time,"end":time,"receivedAt":time,"retainUntil":{**date,"description":"Last day kept (Asia/Shanghai); absent while not known"},"status":{"type":S,"enum":["kept","purged"]},"purgedAt":time},["kind","recordId","sha256","size","receivedAt","status"]),
 "SessionEvidenceRequest":obj({"roomId":{"type":S},"merchantId":{"type":S},"hostIds":{"type":"array","items":{"type":S},"maxItems":50},"endedAt":time,"tier":{"type":S,"enum":["key","standard"]}}),
 "SessionEvidence":obj({"sessionId":{"type":S},"roomId":{"type":S},"merchantId":{"type":S},"hostIds":{"type":"array","items":{"type":S}},"endedAt":time,"tier":{"type":S,"enum":["key","standard"]},"records":{"type":"array","items":ref("EvidenceRecord")}},["sessionId","tier"]),
 "OrderEvidenceRequest":obj({"sessionId":{"type":S},"sku":{"type":S},"purchasedAt":time,"completedAt":time}),
 "OrderEvidence":obj({"orderId":{"type":S},"sessionId":{"type":S},"sku":{"type":S},"purchasedAt":time,"completedAt":time,"records":{"type":"array","items":ref("EvidenceRecord")}},["orderId"]),
})
# Consumer dispute evidence bundles (contract) and their verification and custody (extension).
dispute_param=p("disputeId","The platform's dispute id")
wait_param={"name":"waitSeconds","in":"query","required":False,"schema":{"type":"integer","minimum":0,"maximum":30},"description":"Wait up to N seconds; 200 with the final body if it finished"}
paths["/api/disputes/{disputeId}/evidence-bundles"]={
 "post":{"operationId":"evidenceBundleStart","summary":"Gather and assemble the dispute's evidence bundle (202 + Location, or 200 within waitSeconds); respondBy in working days; 409 BUNDLE_EXISTS; 422 CALENDAR_NOT_PUBLISHED","parameters":[platform,idem,dispute_param,wait_param],"requestBody":body("EvidenceBundleRequest"),"responses":{**ok("EvidenceBundle"),**ok("EvidenceBundle","202","Accepted: assembling; Location is the status resource"),**problem_responses(400,409,413,415,422)}},
 "get":{"operationId":"evidenceBundleGet","summary":"Where the bundle stands; once ready, a fresh read-only bundleUrl valid 15 minutes","parameters":[platform,dispute_param],"responses":{**ok("EvidenceBundle"),**problem_responses(404)}}}
paths["/api/disputes/{disputeId}/evidence-bundles/verification"]={"get":{"operationId":"evidenceBundleVerify","summary":"Extension: recompute the SHA-256 of the bundle and of every file in it against what was recorded; names what changed","parameters":[platform,dispute_param],"responses":{**ok("BundleVerification"),**problem_responses(404,409)}}}
paths["/api/disputes/{disputeId}/evidence-bundles/custody"]={"get":{"operationId":"evidenceBundleCustody","summary":"Extension: the append-only chain of custody (requested, assembled, link_issued, verified, failed)","parameters":[platform,dispute_param],"responses":{**ok("BundleCustody"),**problem_responses(404)}}}
sha={"type":S,"pattern":"^[0-9a-f]{64}$"}
check_status={"type":S,"enum":["ok","changed","missing","unexpected"]}
schemas.update({
 "EvidenceBundleRequest":obj({"orderId":{"type":S},"purchasedAt":time,"sessionId":{"type":S},"roomId":{"type":S},"sku":{"type":S,"maxLength":100},"consumerClaim":{"type":S,"maxLength":4000},"requestedBy":{"type":S,"maxLength":200,"description":"Extension: who asks (chain of custody)"}},["orderId","purchasedAt","sessionId","roomId","sku","consumerClaim"]),
 "EvidenceBundle":obj({"disputeId":{"type":S},"status":{"type":S,"enum":["assembling","ready","failed"]},"respondBy":date,"requestedAt":time,"readyAt":time,"bundleUrl":{"type":S,"format":"uri","description":"Read-only SAS, valid 15 minutes"},"bundleUrlExpiresAt":time,
   "manifest":obj({"items":{"type":"array","items":obj({"kind":{"type":S},"name":{"type":S},"sha256":sha,"size":{"type":"integer"}},["kind","name","sha256","size"])},"bundleSha256":sha,"size":{"type":"integer"}},["items"]),
   "missing":{"type":"array","items":obj({"kind":{"type":S},"reason":{"type":S,"enum":["retention_expired","not_found"]},"detail":{"type":S}},["kind","reason"])},
   "changed":{"type":"array","items":obj({"name":{"type":S},"recordedSha256":sha,"sha256":sha})},"failure":{"type":S}},["status","respondBy","manifest","missing"]),
 "BundleVerification":obj({"disputeId":{"type":S},"valid":{"type":"boolean"},"verifiedAt":time,"bundleSha256":obj({"recorded":sha,"actual":sha,"status":check_status}),
   "items":{"type":"array","items":obj({"kind":{"type":S},"name":{"type":S},"recordedSha256":sha,"sha256":sha,"status":check_status})},
   "tagFiles":{"type":"array","items":obj({"name":{"type":S},"recordedSha256":sha,"sha256":sha,"status":check_status})}},["valid","bundleSha256","items"]),
 "BundleCustody":obj({"disputeId":{"type":S},"entries":{"type":"array","items":obj({"event":{"type":S,"enum":["requested","assembled","link_issued","verified","failed"]},"at":time},["event","at"])}},["disputeId","entries"]),
})
doc={"openapi":"3.1.0","info":{"title":"LiveCommerceFunctions","version":"1.0.0","description":"Compliance back end for live-commerce platforms. Contract: docs/api.md. Every route but /api/health needs X-Platform-Id; errors are RFC 9457 problem details with a stable code."},
 "servers":[{"url":"http://127.0.0.1:7071"}],
 "paths":paths,
 "components":{"parameters":{"PlatformId":{"name":"X-Platform-Id","in":"header","required":True,"schema":{"type":S,"pattern":"^[A-Za-z0-9_-]{1,64}$"},"description":"The calling platform (tenant)"},
   "IdempotencyKey":{"name":"Idempotency-Key","in":"header","required":False,"schema":{"type":S,"maxLength":200},"description":"A retry with the same key and body returns the first response; another body is 422 IDEMPOTENCY_KEY_REUSED"}},
  "schemas":schemas}}
import os
json.dump(doc,open(os.path.join(os.path.dirname(os.path.abspath(__file__)),"..","..","docs","openapi.json"),"w",encoding="utf-8"),indent=2,ensure_ascii=False)
print(len(paths))
