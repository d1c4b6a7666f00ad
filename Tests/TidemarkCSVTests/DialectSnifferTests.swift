import Testing

@testable import TidemarkCSV

@Suite("DialectSniffer")
struct DialectSnifferTests {
    struct SniffCase: CustomTestStringConvertible, Sendable {
        let name: String
        let text: String
        let expected: UInt8
        var testDescription: String { name }
    }

    @Test(
        "chooses the delimiter with the most consistent count",
        arguments: [
            SniffCase(name: "comma", text: "a,b,c\n1,2,3\n4,5,6\n", expected: UInt8(ascii: ",")),
            SniffCase(
                name: "semicolon with decimal commas",
                text: "Datum;Betrag;Gebühr;Währung\n01.10.2026;1.234,56;1,20;EUR\n02.10.2026;95,00;0,50;EUR\n",
                expected: UInt8(ascii: ";")),
            SniffCase(
                name: "TSV with commas and raw quotes in product names",
                text: "order-id\tproduct-name\tqty\tprice\n1\t12\" x 18\" Pillow, blue\t1\t9.99\n"
                    + "2\tMug, large, 2 pack\t2\t5.00\n",
                expected: 0x09),
            SniffCase(
                name: "comma with quoted preamble lines",
                text: "\"Includes Amazon Marketplace, Fulfillment by Amazon (FBA), and Amazon Webstore\"\n"
                    + "\"All amounts in USD, unless specified\"\n"
                    + "date/time,settlement id,type,order id,total\n"
                    + "\"Dec 1, 2019 12:07:47 AM PST\",123,Order,111-1,\"1,234.00\"\n"
                    + "\"Dec 2, 2019 1:00:00 AM PST\",123,Refund,111-2,-5.00\n",
                expected: UInt8(ascii: ",")),
            SniffCase(
                name: "preamble without delimiters",
                text: "Campaign report\nOctober 2026\n\nCampaign\tClicks\tCost\nA\t10\t1.00\nB\t20\t2.00\n",
                expected: 0x09),
            SniffCase(name: "one line without newline", text: "a;b;c", expected: UInt8(ascii: ";")),
            SniffCase(
                name: "last line cut by the prefix is ignored",
                text: "a;b\n1;2\n3;4\nx,y,z,w,v,u,t,s,r,q,p", expected: UInt8(ascii: ";")),
            SniffCase(name: "no delimiter at all: comma", text: "hello\nworld\n", expected: UInt8(ascii: ",")),
            SniffCase(name: "empty: comma", text: "", expected: UInt8(ascii: ",")),
        ])
    func choosesDelimiter(_ example: SniffCase) {
        let dialect = DialectSniffer.sniff(utf8: Array(example.text.utf8))
        #expect(dialect == CSVDialect(delimiter: example.expected, quoting: true))
    }
}
