/**
 * The plain-text part of an email, from the same parsed markdown as the HTML part, laid out like
 * Notify's plain-text renderer: underlined headings, "•" bullets, "text: url" links, "=" rules.
 */
import type { Block, Inline } from "./markdown";

const RULE = "=".repeat(64);

function inlineText(content: Inline[]): string {
  return content
    .map((part) => {
      if (part.type === "break") return "\n";
      if (part.type === "link") return part.text === part.href ? part.href : `${part.text}: ${part.href}`;
      return part.text;
    })
    .join("");
}

function blockText(block: Block): string {
  switch (block.type) {
    case "heading": {
      const text = inlineText(block.content);
      const width = Math.max(...text.split("\n").map((line) => line.length), 1);
      return `${text}\n${"-".repeat(width)}`;
    }
    case "paragraph":
      return inlineText(block.content);
    case "list":
      return block.items
        .map((item, index) => {
          const marker = block.ordered ? `${block.start + index}.` : "•";
          // Continuation lines line up under the item text.
          return `${marker} ${inlineText(item).replace(/\n/g, `\n${" ".repeat(marker.length + 1)}`)}`;
        })
        .join("\n");
    case "inset":
      return blocksToText(block.blocks);
    case "rule":
      return RULE;
  }
}

/** The plain text for a list of blocks, separated by blank lines. */
export function blocksToText(blocks: Block[]): string {
  return blocks.map(blockText).join("\n\n");
}
