/** Articles tests drop into a corpus folder. */

/** A new article: headline, outlet and date lines, a quote by Tesla and one by an analyst. */
export const NEW_ARTICLE = `Tesla recalls Model Y cars over a seat belt fault in Shanghai
Source: Example Wire
Published: March 24, 2024

Tesla is recalling 12,000 Model Y cars built at its Shanghai gigafactory because a seat belt anchor may loosen, the State Administration for Market Regulation said on Sunday.
The regulator said the recall covers cars built between January and March, and that no injuries have been reported.
“We will replace the anchor free of charge,” Tesla said in a statement.
Jane Roe, an analyst at Example Research, said the recall was small compared with earlier ones.
“Recalls like this are routine for a factory of that size,” Roe said.
Owners will be contacted by the company from April.
`;
