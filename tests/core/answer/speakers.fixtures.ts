/**
 * A small made-up corpus in several house styles for speaker tests: wire copy with straight
 * quotes, British style with "Mr"/"Ms" and curly quotes, newspaper-style quotations, an
 * organisation known by its acronym, two people sharing a surname, two "Mr Brown"s, and a
 * hard-wrapped wire story whose chief executive has a surname with a particle ("de Vries").
 */
import { parseDocument } from '../../../src/core/corpus/parse.js';
import type { CorpusDocument } from '../../../src/core/corpus/types.js';

const ARTICLES: Record<string, string> = {
  'acme-recall': `Acme recalls cleaning robots

Acme Corp will replace the batteries of 40,000 cleaning robots after reports of overheating. It said in a statement that no one had been hurt.

Acme chief executive Jane Porter said the recall was a preventative step. "We regret the inconvenience, but replacing the batteries is the responsible thing to do," Ms Porter said.

A spokesman for the Consumer Safety Board said the agency would monitor the recall.`,
  'porter-final': `Porter hails cup final win

Rovers manager Tom Porter praised his players after the cup final.

"The lads gave everything today and the fans were magnificent," Porter said. He added that the referee had a good game.`,
  'porter-profits': `Acme profits rise

Acme Corp profits rose 12% in the third quarter. Chief executive Jane Porter said demand for robots was strong in Asia.

"We expect another good year," she said.`,
  'pilots-arbitration': `Government orders arbitration in pilots' strike

The government ordered arbitration on Tuesday to end a six-day strike by pilots.

Ingrid Solhaug, head of the Nordic Pilots Union, said the union would obey the order but was disappointed.

"Our members are tired and the passengers are angry," Solhaug said. "We walked out because the airline refused to talk to us for a year," she said.`,
  'harbour-wind': `Wind farm approved off Port Sellick

Regulators approved the Greyhaven wind farm of Tidewright on Tuesday.

Carl Menhennet, a scalloper who is president of the Port Sellick Fishermen's Association, said the turbines would crowd the fishing grounds.

Chief Executive Gregory Lindqvist said construction would start in May.`,
  'worldcorp-trial': `Finance chief testifies against Webb

Former Worldcorp chief executive Bernard Webb denied the charges. "I never knew of any fraud," Mr Webb said.

Scott Sullen, the former finance chief, said Mr Webb ordered the changes. "He told me to hit our numbers," Mr Sullen told the court.`,
  'teachers-pay': `Teachers reject pay offer

The NUT said the offer was an insult to its members.`,
  'bridge': `Bridge reopens

The old bridge over the river reopened on Monday. Mr Brown, the engineer in charge, said the bridge was safe for lorries.`,
  'budget': `Budget plans

Chancellor Gordon Brown set out his spending plans on Wednesday.

The chancellor said the budget would stay balanced over the cycle. Mr Brown said taxes would not rise.`,
  'teachers': `Teachers threaten strike

The National Union of Teachers said its members would vote on a strike over pay.

NUT official Sam Hill said the offer was an insult to teachers. "Our members have had enough of broken promises," he said.`,
  'lindqvist-delay': `Lindqvist Optics delays its new lens

ROTTERDAM, May 3 (Newswire) - Dutch lens maker Lindqvist Optics said on
Thursday its next camera lens would be delayed by about six months.

"We will not ship a lens that does not meet our standards just to hit a
date on a slide," Lindqvist chief executive Anna de Vries said on a call
with analysts.

De Vries said the delay would cut revenue next year by 40 million
euros.`,
  'relay-operations': `Relay cuts operations

Relay spokesman Dan Kerr said operations at the plant would stop in June.`,
  'a-recall-vote': `Recall of councillor fails

A petition to recall councillor Ed Stroud fell short of the signatures needed, the city clerk said. Stroud had cast the deciding vote on the Marlow busway last spring.

"I hope the council can now turn to the budget," Mayor Rosa Quintero said.`,
  'b-marlow-busway': `Council approves Marlow busway

The city council approved the Marlow busway on Tuesday by six votes to three.

"For thirty years we have told people on the east side to wait," Mayor Rosa Quintero said after the meeting.`,
  'treasurer-verdict': `Former treasurer convicted

A jury found former treasurer Walt Primm guilty of embezzlement on Friday.

"He designed this scheme and he hid it for four years," Assistant District Attorney Lena Ortiz said in her closing argument.`,
  'nurses-pay': `Nurses reject pay offer

Union leader Dora Blake said the offer was an insult. "Nurses will not accept a real-terms cut," she said.`,
  'garment-closures': `Garment plants close in Maseru

Six garment factories have closed in Lesotho, leaving 6,000 people without work.

Garment Workers Union secretary general Tumo Sekhesa blamed the end of textile quotas. "The owners left without paying anyone," Mr Sekhesa said.`,
  'subsidy-review': `Subsidies miss the poor

"Resources are more than enough to reduce poverty," deputy planning director Ana Ruiz said in Bogota.`,
  'browser-voice': `Browser adds voice control

A spokeswoman for Opera said the voice features were meant for every user.`,
};

/** The fixture articles as parsed documents. */
export function speakerFixtures(): CorpusDocument[] {
  return Object.entries(ARTICLES).map(([id, text]) => parseDocument({ id, path: `${id}.txt`, relPath: `${id}.txt`, text }).document);
}

/** The text of a fixture article (for checking excerpts are verbatim). */
export function fixtureText(id: string): string {
  return ARTICLES[id]!;
}
