using DhrPortal.Content;

namespace DhrPortal.Theme.Pages;

/// <summary>The recommendations of other reviews listed under one recommendation of a review page.</summary>
public sealed record SimilarList(PageModel Page, Review Review, Recommendation Recommendation);
