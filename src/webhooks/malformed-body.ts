/** A webhook body we cannot read; the route turns it into a 400 Notify error and changes nothing. */
export class MalformedBody extends Error {
  override name = "MalformedBody";
}
