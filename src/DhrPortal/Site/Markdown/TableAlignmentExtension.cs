using Markdig;
using Markdig.Extensions.Tables;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Syntax;

namespace DhrPortal.Site.Markdown;

/// <summary>
/// Pipe tables write column alignment as inline <c>style</c> attributes, which the site's
/// Content-Security-Policy (<c>style-src 'self'</c>) blocks. This extension turns each aligned
/// cell's alignment into a class instead (<c>align-left</c>, <c>align-center</c>,
/// <c>align-right</c>; the theme's stylesheet gives them their meaning) and drops column widths.
/// </summary>
public sealed class TableAlignmentExtension : IMarkdownExtension
{
    /// <inheritdoc />
    public void Setup(MarkdownPipelineBuilder pipeline)
    {
        pipeline.DocumentProcessed -= Rewrite;
        pipeline.DocumentProcessed += Rewrite;
    }

    /// <inheritdoc />
    public void Setup(MarkdownPipeline pipeline, IMarkdownRenderer renderer)
    {
    }

    /// <summary>Moves every table's column alignment onto its cells as classes.</summary>
    public static void Rewrite(MarkdownDocument document)
    {
        foreach (var table in document.Descendants<Table>())
        {
            var columns = table.ColumnDefinitions;
            foreach (var row in table.OfType<TableRow>())
            {
                var index = 0;
                foreach (var cell in row.OfType<TableCell>())
                {
                    var column = cell.ColumnIndex >= 0 ? cell.ColumnIndex : index;
                    if (column < columns.Count && columns[column].Alignment is { } align)
                        cell.GetAttributes().AddClass(align switch
                        {
                            TableColumnAlign.Center => "align-center",
                            TableColumnAlign.Right => "align-right",
                            _ => "align-left",
                        });
                    index += Math.Max(1, cell.ColumnSpan);
                }
            }
            foreach (var column in columns)
            {
                column.Alignment = null;
                column.Width = 0;
            }
        }
    }
}
