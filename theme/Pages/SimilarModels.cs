using DhrPortal.Content;
using DhrPortal.Learning;
using DhrPortal.Site;

namespace DhrPortal.Theme.Pages;

/// <summary>The recommendations of other reviews listed under one recommendation of a review page.</summary>
public sealed record SimilarList(PageModel Page, Review Review, Recommendation Recommendation, IReadOnlyList<SimilarRecommendation> Shown);

/// <summary>The national list of recurring recommendations, one page of it.</summary>
public sealed record RecurringModel(LayoutModel Layout, SiteIndex Site, Markup Markup, Paging Paging) : PageModel(Layout, Site, Markup);

/// <summary>The recurring clusters that touch a theme or an agency (<paramref name="Subject"/> names it), for its page.</summary>
public sealed record RecurringBlock(PageModel Page, IReadOnlyList<RecurringCluster> Clusters, string Subject);

/// <summary>One cluster: how often it was asked, and its newest recommendations with links (on the national page, more of them, and an anchor).</summary>
public sealed record ClusterLine(PageModel Page, RecurringCluster Cluster);
