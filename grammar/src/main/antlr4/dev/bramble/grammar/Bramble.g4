// The Bramble model-description language. docs/language.md is the user-facing reference;
// this grammar only says what is well-formed. Everything about meaning (widths, names,
// ranges) is checked after parsing, on the semantic model, so that a syntax error in one
// line never hides a semantic error in another.
grammar Bramble;

file : (model | target)* EOF ;

// ---------------------------------------------------------------- model
model : MODEL name=IDENT LBRACE modelItem* RBRACE ;

modelItem
    : constant
    | weightsDecl
    | tokensDecl
    | numericDecl
    | layer
    ;

constant    : name=IDENT ASSIGN expr ;

weightsDecl : WEIGHTS ( path=STRING ( KEYS layout=keyLayout )? | RANDOM SEED seed=INT ) ;

// A checkpoint's key layout: nanogpt, hf-gpt2 (docs/import.md has the mapping tables).
keyLayout   : IDENT ( MINUS ( IDENT | INT ) )* ;

tokensDecl  : TOKENS charset=STRING BOS? ;

numericDecl : NUMERIC WEIGHTS weightFormat=QFORMAT COMMA ACTIVATIONS activationFormat=QFORMAT ;

layer
    : inputLayer
    | embeddingLayer
    | normLayer
    | linearLayer
    | attentionLayer
    | residualLayer
    | blockLayer
    | sampleLayer
    | argmaxLayer
    ;

inputLayer     : INPUT name=IDENT LBRACK width=expr RBRACK format=QFORMAT? ;

embeddingLayer : EMBEDDING name=IDENT LBRACK rows=expr COMMA dim=expr RBRACK POSITION? layerOption* ;

// A norm with a learned gain (and, for layernorm, bias) needs a name: its tensors' key.
normLayer      : kind=(RMSNORM | LAYERNORM) name=IDENT? layerOption* ;

linearLayer    : LINEAR name=IDENT LBRACK inWidth=expr ARROW outWidth=expr RBRACK layerOption* ;

// Options after a layer's shape, in any order; which ones a layer accepts is checked after parsing.
layerOption
    : activation
    | BIAS
    | GAIN
    | TIED tiedName=IDENT
    | WEIGHTS format=QFORMAT
    | FROM key=STRING ( PART part=INT OF parts=INT )? TRANSPOSED?
    ;

// gelu is the tanh form (PyTorch's GELU(approximate='tanh'), HF's gelu_new); gelu erf is
// PyTorch's default nn.GELU() (0.5·x·(1 + erf(x/√2))).
activation     : RELU | GELU form=(ERF | TANH)? ;

attentionLayer : ATTENTION HEADS heads=expr LBRACE layer* RBRACE ;

residualLayer  : RESIDUAL LBRACE layer* RBRACE ;

blockLayer     : BLOCK name=IDENT ( LBRACK from=expr RANGE to=expr RBRACK )? LBRACE layer* RBRACE ;

sampleLayer    : SAMPLE TEMPERATURE temperature=number ( SEED seed=INT )? ;

argmaxLayer    : ARGMAX ;

// ---------------------------------------------------------------- target
target : TARGET name=IDENT LBRACE targetItem* RBRACE ;

targetItem
    : DEVICE ( partString=STRING | partName )          # deviceField
    | BOARD ( boardString=STRING | boardName=partName ) # boardField
    | CLOCK sign=MINUS? frequency=number unit=(MHZ | KHZ | GHZ) # clockField
    | LANES lanes=expr                                  # lanesField
    | STORAGE kind=(BRAM | LUT | AUTO)                  # storageField
    | BUDGET percent=INT PERCENT                        # budgetField
    | BAUD baud=INT                                     # baudField
    ;

// Part numbers mix digits, letters and dashes (5CSEMA5F31C6, LFE5U-25F-6BG381C, de1-soc).
// The lexer splits them; the model rebuilds the name from the source text and rejects
// names with spaces inside.
partName : partPiece+ ;
partPiece : IDENT | INT | MINUS | DECIMAL | QFORMAT ;

// ---------------------------------------------------------------- expressions
expr
    : LPAREN expr RPAREN                 # parenExpr
    | left=expr op=(STAR | SLASH) right=expr  # mulExpr
    | left=expr op=(PLUS | MINUS) right=expr  # addExpr
    | INT                                # intExpr
    | IDENT                              # refExpr
    ;

number : INT | DECIMAL ;

// ---------------------------------------------------------------- lexer
MODEL       : 'model' ;
TARGET      : 'target' ;
WEIGHTS     : 'weights' ;
RANDOM      : 'random' ;
SEED        : 'seed' ;
TOKENS      : 'tokens' ;
BOS         : 'bos' ;
NUMERIC     : 'numeric' ;
ACTIVATIONS : 'activations' ;
INPUT       : 'input' ;
EMBEDDING   : 'embedding' ;
POSITION    : 'position' ;
RMSNORM     : 'rmsnorm' ;
LAYERNORM   : 'layernorm' ;
LINEAR      : 'linear' ;
RELU        : 'relu' ;
GELU        : 'gelu' ;
ERF         : 'erf' ;
TANH        : 'tanh' ;
BIAS        : 'bias' ;
GAIN        : 'gain' ;
TIED        : 'tied' ;
FROM        : 'from' ;
PART        : 'part' ;
OF          : 'of' ;
TRANSPOSED  : 'transposed' ;
KEYS        : 'keys' ;
ATTENTION   : 'attention' ;
HEADS       : 'heads' ;
RESIDUAL    : 'residual' ;
BLOCK       : 'block' ;
SAMPLE      : 'sample' ;
TEMPERATURE : 'temperature' ;
ARGMAX      : 'argmax' ;
DEVICE      : 'device' ;
BOARD       : 'board' ;
BAUD        : 'baud' ;
CLOCK       : 'clock' ;
LANES       : 'lanes' ;
STORAGE     : 'storage' ;
BUDGET      : 'budget' ;
BRAM        : 'bram' ;
LUT         : 'lut' ;
AUTO        : 'auto' ;
MHZ         : 'MHz' ;
KHZ         : 'kHz' ;
GHZ         : 'GHz' ;

LBRACE  : '{' ;
RBRACE  : '}' ;
LBRACK  : '[' ;
RBRACK  : ']' ;
LPAREN  : '(' ;
RPAREN  : ')' ;
ARROW   : '->' ;
RANGE   : '..' ;
COMMA   : ',' ;
ASSIGN  : '=' ;
PLUS    : '+' ;
MINUS   : '-' ;
STAR    : '*' ;
SLASH   : '/' ;
PERCENT : '%' ;

// q4.12: signed fixed point, 4 integer bits (sign included) and 12 fraction bits.
QFORMAT : 'q' [0-9]+ '.' [0-9]+ ;
DECIMAL : [0-9]+ '.' [0-9]+ ;
INT     : [0-9]+ ;
IDENT   : [a-zA-Z_] [a-zA-Z0-9_]* ;
STRING  : '"' ( ~["\\\r\n] | '\\' ~[\r\n] )* '"' ;

LINE_COMMENT  : '//' ~[\r\n]* -> channel(HIDDEN) ;
BLOCK_COMMENT : '/*' .*? '*/' -> channel(HIDDEN) ;
WS            : [ \t\r\n\u000C]+ -> channel(HIDDEN) ;

// Anything else is one bad character: the parser reports it and goes on.
UNKNOWN_CHAR : . ;
