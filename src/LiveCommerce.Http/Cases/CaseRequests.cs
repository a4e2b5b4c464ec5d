namespace LiveCommerce.Http.Cases;

// Wire shapes of the contract's "Review cases" section; every member nullable so that a missing field is a REQUIRED error.

public sealed record AssignmentRequest(string? Assignee);

public sealed record CaseDecisionRequest(string? Decision, IReadOnlyList<string>? ReasonCodes, string? Note, IReadOnlyList<string>? MissingItems);

public sealed record CaseSettingsRequest(int? DueWorkingDays);
