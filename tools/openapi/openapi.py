# Writes docs/openapi.json, the OpenAPI 3.1 document the hosts serve at /api/openapi.json.
# Edit here, run `python3 tools/openapi/openapi.py`, and commit both; an API test checks every path is served.
import json
def ref(n): return {"$ref": f"#/components/schemas/{n}"}
def problem_responses(*codes):
    d={}
    for c in codes:
        d[str(c)]={"description": {400:"Validation failure or malformed JSON",404:"Not found (also for another platform's resources)",409:"Conflicts with what is already stored",413:"Body too large",415:"Not JSON",422:"Idempotency-Key reused with another body, or a rule that cannot be evaluated",503:"Storage unreachable"}[c],
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
wait={"name":"waitSeconds","in":"query","required":False,"schema":{"type":"integer","minimum":0,"maximum":30},"description":"Wait up to N seconds; 200 with the final body if the work finished"}
paths["/api/live-sessions/{sessionId}/pre-live-checks"]={
 "post":{"operationId":"preLiveCheckStart","summary":"Start the pre-live check: standings at the scheduled start, item screening, one identity challenge per host, results awaited until the start","parameters":[platform,idem,p("sessionId","The live session"),wait],"requestBody":body("PreLiveCheckRequest"),
   "responses":{"202":{"description":"Accepted; Location is the status resource","headers":{"Location":{"schema":{"type":"string"}}},"content":{"application/json":{"schema":ref("PreLiveCheckStatus")}}},**ok("PreLiveCheckStatus","200","Finished within waitSeconds"),**problem_responses(400,409,413,415,422)}},
 "get":{"operationId":"preLiveCheckGet","summary":"Where the check stands","parameters":[platform,p("sessionId","The live session")],"responses":{**ok("PreLiveCheckStatus"),**problem_responses(400,404)}}}
paths["/api/live-sessions/{sessionId}/identity-results"]={"post":{"operationId":"identityResult","summary":"The identity provider's result for one host (the callback a real provider makes; the local simulated provider expects it here)","parameters":[platform,idem,p("sessionId","The live session")],"requestBody":body("IdentityResultRequest"),
   "responses":{"202":{"description":"Accepted","content":{"application/json":{}}},**problem_responses(400,404,409,422)}}}
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
 "PreLiveCheckRequest":obj({"roomId":{"type":S},"merchantId":{"type":S},"hostIds":{"type":"array","minItems":1,"maxItems":20,"items":{"type":S}},"scheduledStart":{**time,"description":"Must lie in the future"},"listId":{"type":S,"description":"Required with items"},"items":{"type":"array","maxItems":10000,"items":obj({"sku":{"type":S},"title":{"type":S},"description":{"type":S},"category":{"type":S},"brand":{"type":S}},["sku","title"])}},["roomId","merchantId","hostIds","scheduledStart"]),
 "IdentityResultRequest":obj({"hostId":{"type":S},"outcome":{"type":S,"enum":["match","no_match"]},"livenessScore":{"type":"number","minimum":0,"maximum":1},"providerReference":{"type":S}},["hostId","outcome","livenessScore","providerReference"]),
 "PreLiveCheckStatus":obj({"sessionId":{"type":S},"status":{"type":S,"enum":["pending","cleared","blocked"]},"hosts":{"type":"array","items":obj({"hostId":{"type":S},"identity":{"type":S,"enum":["pending","verified","failed","timed_out"]}})},"reasons":{"type":"array","items":ref("Reason")},"scheduledStart":time,"completedAt":time},["status","hosts","reasons"]),
 "BlacklistEntry":obj({"blacklistId":{"type":S},"subjectType":{"type":S},"subject":{"type":S,"description":"Masked identifier"},"reason":{"type":S},"blacklistedAt":time,"expiresAt":time}),
}
doc={"openapi":"3.1.0","info":{"title":"LiveCommerceFunctions","version":"1.0.0","description":"Compliance back end for live-commerce platforms. Contract: docs/api.md. Every route but /api/health needs X-Platform-Id; errors are RFC 9457 problem details with a stable code."},
 "servers":[{"url":"http://127.0.0.1:7071"}],
 "paths":paths,
 "components":{"parameters":{"PlatformId":{"name":"X-Platform-Id","in":"header","required":True,"schema":{"type":S,"pattern":"^[A-Za-z0-9_-]{1,64}$"},"description":"The calling platform (tenant)"},
   "IdempotencyKey":{"name":"Idempotency-Key","in":"header","required":False,"schema":{"type":S,"maxLength":200},"description":"A retry with the same key and body returns the first response; another body is 422 IDEMPOTENCY_KEY_REUSED"}},
  "schemas":schemas}}
json.dump(doc,open('__import__("os").path.join(__import__("os").path.dirname(__file__), "..", "..", "docs", "openapi.json")','w'),indent=2,ensure_ascii=False)
print(len(paths))
